package locallibrary.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SESSION_ENGINE=cache: the shared contract, and what a cache adds: a bound, Django's key prefix, no memory
 * after a restart.
 */
class CacheEngineTest extends SessionStoreContract {

    /** Small, so that the bound is reached quickly; the server's cache holds 10 000. */
    private static final int MAXIMUM_SIZE = 100;
    private LocMemCache cache;

    @Override
    SessionStore newStore(TestClock clock, int cookieAge) {
        cache = new LocMemCache(MAXIMUM_SIZE, clock, clock);
        return new CacheSessionStore(SECRET, CacheSessionStore.KEY_PREFIX, cache);
    }

    @Test
    void theCacheIsBoundedAndDropsSessionsWhenFull() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 10 * MAXIMUM_SIZE; i++) {
            keys.add(saveNew(Map.of("n", i)));
        }
        assertTrue(cache.size() <= MAXIMUM_SIZE, "size " + cache.size());
        // Those dropped are simply unknown now: their browsers start again with an empty session.
        long stillThere = keys.stream().filter(key -> store.load(key) != null).count();
        assertTrue(stillThere <= MAXIMUM_SIZE, stillThere + " sessions still loadable");
        assertEquals(1000, keys.size());
    }

    @Test
    void entriesAreKeptUnderDjangosKeyPrefixAsSignedText() {
        String key = saveNew(Map.of("num_visits", 1));
        Map<String, String> entry = store.storedRow(key);
        assertEquals("django.contrib.sessions.cache" + key, entry.get("cache key"));
        assertTrue(entry.get("value").startsWith("eyJudW1fdmlzaXRzIjoxfQ:"), entry.toString());
    }

    @Test
    void clearExpiredHasNothingToDoBecauseTheCacheExpiresEntriesItself() {
        String key = saveNew(carData());
        clock.advance(Duration.ofSeconds(AGE + 1));
        assertEquals(0, store.clearExpired());
        assertNull(store.load(key));
        assertFalse(store.exists(key));
    }

    @Test
    void eachSaveGivesTheEntryAFreshLifetime() {
        String key = saveNew(carData());
        clock.advance(Duration.ofSeconds(AGE - 60));
        store.save(key, Map.of("n", 2), clock.instant().plusSeconds(AGE), false);
        clock.advance(Duration.ofSeconds(120));
        assertEquals(Map.of("n", 2), store.load(key));
    }

    @Test
    void aNewCacheAsAfterARestartKnowsNoSession() {
        String key = saveNew(carData());
        assertNull(new CacheSessionStore(SECRET).load(key));
    }
}
