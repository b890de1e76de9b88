package locallibrary;

import static locallibrary.LoadBalancerTest.ONE_TO_TEN;
import static locallibrary.LoadBalancerTest.assertServersTookTurns;
import static locallibrary.LoadBalancerTest.counts;
import static locallibrary.LoadBalancerTest.tenVisits;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real shared stores, behind the real balancer: one browser's ten visits count 1..10 while the two app
 * servers take turns, with sessions on PostgreSQL, on Redis, and on both (cached_db). Skipped locally when
 * PostgreSQL or Redis is not installed; under CI they must run.
 */
class SharedStoresBehindTheBalancerTest {

    private static PostgresServer postgres;
    private static RedisServer redis;

    @BeforeAll
    static void startTheStores() {
        postgres = PostgresServer.start();
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopTheStores() {
        if (redis != null) {
            redis.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theDbEngineOnPostgresqlKeepsOneCount() throws IOException {
        tenVisitsCountOneToTen(postgres.settings());
    }

    @Test
    void theCacheEngineOnRedisKeepsOneCount() throws IOException {
        tenVisitsCountOneToTen(redis.settings("cache"));
    }

    @Test
    void cachedDbOnPostgresqlAndRedisKeepsOneCount() throws IOException {
        Map<String, String> settings = new HashMap<>(postgres.settings());
        settings.putAll(redis.settings("cached_db"));
        tenVisitsCountOneToTen(settings);
    }

    private static void tenVisitsCountOneToTen(Map<String, String> settings) throws IOException {
        try (TestBalancer balancer = TestBalancer.start(settings, 2)) {
            List<LoadBalancerTest.Visit> visits = tenVisits(balancer);
            assertEquals(ONE_TO_TEN, counts(visits), visits.toString());
            assertServersTookTurns(visits);
        }
    }
}
