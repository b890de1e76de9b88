package locallibrary.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
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
    void theCacheIsBoundedByBytesTooSoThatHugeSessionsCannotFillTheMemory() {
        // The probe's 1.9 MB value; random letters, since a repetitive one would be compressed to nothing.
        String huge = new Random(42).ints(1_900_000, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            keys.add(saveNew(Map.of("notes", huge)));
        }
        // Once the cache has done its pending evictions, weigh what it kept.
        cache.size();
        long kept = keys.stream().map(((CacheSessionStore) store)::entry).filter(Objects::nonNull)
                .mapToLong(entry -> entry.sessionData().length()).sum();
        assertTrue(kept <= LocMemCache.MAXIMUM_BYTES, kept + " characters kept");
        assertTrue(kept > 0, "a huge session still fits");
    }

    @Test
    void tenThousandOrdinarySessionsStillFitUnderTheByteBound() {
        // The server's own bounds, not this test's smaller ones.
        CacheSessionStore serversCache = new CacheSessionStore(SECRET, CacheSessionStore.KEY_PREFIX,
                new LocMemCache(CacheSessionStore.MAXIMUM_SIZE, clock, clock));
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < CacheSessionStore.MAXIMUM_SIZE; i++) {
            keys.add(serversCache.save(randomKey(), carData(), clock.instant().plusSeconds(AGE), true));
        }
        long loadable = keys.stream().filter(key -> serversCache.load(key) != null).count();
        assertEquals(CacheSessionStore.MAXIMUM_SIZE, loadable);
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
