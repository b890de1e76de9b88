package locallibrary.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import locallibrary.Database;
import locallibrary.PostgresServer;
import locallibrary.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** SESSION_ENGINE=cached_db on real PostgreSQL and Redis: the shared contract, and the two places. */
class CachedDbEngineOnPostgresAndRedisTest extends SessionStoreContract {

    private static PostgresServer postgres;
    private static RedisServer redis;
    private Database db;
    private RedisCache cache;

    @BeforeAll
    static void startServices() {
        postgres = PostgresServer.start();
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopServices() {
        if (redis != null) {
            redis.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    SessionStore newStore(TestClock clock, int cookieAge) {
        db = DbEngineOnPostgresTest.openPostgres(postgres);
        cache = RedisCache.open(redis.location(), clock);
        return new CachedDbSessionStore(db, SECRET, cache);
    }

    @Override
    boolean agesByTheTestsClock() {
        return false;
    }

    @AfterEach
    void close() {
        cache.close();
        db.close();
    }

    @Test
    void aSaveWritesTheRowAndTheRedisEntry() {
        String key = saveNew(carData());
        assertEquals("1", postgres.psql("SELECT count(*) FROM django_session WHERE session_key = '" + key + "'")
                .strip());
        try (RedisClient client = RedisClient.create(redis.location())) {
            assertEquals(postgres.psql("SELECT session_data FROM django_session WHERE session_key = '" + key + "'")
                    .strip(), client.get(":1:django.contrib.sessions.cached_db" + key));
        }
        String inTheCache = store.storedRow(key).get("in the cache");
        assertTrue(inTheCache.startsWith("yes, under :1:django.contrib.sessions.cached_db" + key), inTheCache);
    }

    @Test
    void withRedisEmptiedTheDatabaseAnswersAndRefillsIt() {
        String key = saveNew(carData());
        try (RedisClient client = RedisClient.create(redis.location())) {
            client.flushAll();
            assertEquals(carData(), store.load(key));
            assertTrue(client.exists(":1:django.contrib.sessions.cached_db" + key));
        }
        assertEquals(Boolean.FALSE, store.lastLoadHitCache());
    }
}
