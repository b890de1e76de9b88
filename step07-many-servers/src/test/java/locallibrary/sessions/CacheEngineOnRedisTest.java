package locallibrary.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import locallibrary.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** SESSION_ENGINE=cache in a real Redis: the shared contract, and Django's keys and TTLs. */
class CacheEngineOnRedisTest extends SessionStoreContract {

    private static RedisServer redis;
    private RedisCache cache;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    SessionStore newStore(TestClock clock, int cookieAge) {
        cache = RedisCache.open(redis.location(), clock);
        return new CacheSessionStore(SECRET, CacheSessionStore.KEY_PREFIX, cache);
    }

    @Override
    boolean agesByTheTestsClock() {
        return false;
    }

    @AfterEach
    void close() {
        cache.close();
    }

    @Test
    void anEntryIsKeptUnderDjangosCacheKeyWithTheSessionsAgeAsItsTtl() {
        String key = saveNew(Map.of("num_visits", 1));
        try (RedisClient client = RedisClient.create(redis.location())) {
            String djangoKey = ":1:django.contrib.sessions.cache" + key;
            long ttl = client.ttl(djangoKey);
            assertTrue(ttl > AGE - 60 && ttl <= AGE, "TTL " + ttl);
            // Our signed session_data text, as the django_session table would hold it (Django would pickle).
            String value = client.get(djangoKey);
            assertEquals(Map.of("num_visits", 1), new SignedSessionData(SECRET).decode(value));
        }
    }

    @Test
    void theRedisKeyIsWhatThePanelShows() {
        String key = saveNew(carData());
        Map<String, String> row = store.storedRow(key);
        assertEquals(":1:django.contrib.sessions.cache" + key, row.get("cache key"));
        assertTrue(row.get("cache").startsWith("Redis at " + redis.location()), row.toString());
    }

    @Test
    void aDeletedSessionIsGoneFromRedis() {
        String key = saveNew(carData());
        store.delete(key);
        try (RedisClient client = RedisClient.create(redis.location())) {
            assertNull(client.get(":1:django.contrib.sessions.cache" + key));
        }
    }
}
