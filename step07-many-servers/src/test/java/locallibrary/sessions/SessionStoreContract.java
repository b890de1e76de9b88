package locallibrary.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import locallibrary.Settings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every SESSION_ENGINE promises, tested once and run against each of the five (one small subclass
 * per engine, which adds the tests of what is particular to it). A test that only makes sense when the
 * server keeps the sessions is skipped for signed cookies, which keep nothing.
 */
abstract class SessionStoreContract {

    static final String SECRET = "sandbox-test-vector-secret-key-0123456789";
    /** SESSION_COOKIE_AGE of these tests: one hour. */
    static final int AGE = 3600;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Starts at the real time: the file engine's clock is partly the file system's. */
    final TestClock clock = new TestClock(Instant.now());
    final Settings settings = Settings.load(Map.of("SESSION_COOKIE_AGE", String.valueOf(AGE)));
    SessionStore store;

    /** The engine under test, judging time by this clock, with sessions that live {@code cookieAge} seconds. */
    abstract SessionStore newStore(TestClock clock, int cookieAge) throws Exception;

    /** False for signed cookies: nothing is kept on the server, so nothing can be taken, updated or deleted. */
    boolean keepsSessionsOnTheServer() {
        return true;
    }

    /** False where Django judges the age otherwise: the file's modification time, the cookie's timestamp. */
    boolean keepsTheExpiryDateItIsGiven() {
        return true;
    }

    /** False for Redis: it counts an entry's TTL in real time, so a test's clock cannot make it older. */
    boolean agesByTheTestsClock() {
        return true;
    }

    @BeforeEach
    final void openStore() throws Exception {
        store = newStore(clock, AGE);
    }

    /** MDN's example data: a number, and a structure with something inside it. */
    static Map<String, Object> carData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("num_visits", 3);
        data.put("my_car", new LinkedHashMap<>(Map.of("wheels", "steel")));
        return data;
    }

    /** Saves a new session as Session.create does, and returns the key the browser would carry. */
    String saveNew(Map<String, Object> data) {
        return store.save(randomKey(), data, clock.instant().plusSeconds(AGE), true);
    }

    /** 32 characters from a-z0-9, as Session draws them. */
    static String randomKey() {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            key.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(RANDOM.nextInt(36)));
        }
        return key.toString();
    }

    @Test
    void savedDataLoadsBack() {
        String key = saveNew(carData());
        assertEquals(carData(), store.load(key));
    }

    @Test
    void anUpdateReplacesTheData() {
        String key = saveNew(carData());
        String after = store.save(key, Map.of("num_visits", 4), clock.instant().plusSeconds(AGE), false);
        assertEquals(Map.of("num_visits", 4), store.load(after));
    }

    @Test
    void aNewSessionGetsAKeyOfItsOwn() throws Exception {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            Session session = new Session(store, settings, null);
            session.put("n", i);
            session.save();
            String key = session.getSessionKey();
            keys.add(key);
            if (keepsSessionsOnTheServer()) {
                // 32 characters from a-z0-9, and now taken: no other session can be given it.
                assertTrue(key.matches("[a-z0-9]{32}"), key);
                assertTrue(store.exists(key));
            } else {
                // The "key" is the signed data itself.
                assertEquals("{\"n\":" + i + "}", Signing.unverifiedJson(key));
                assertFalse(store.exists(key));
            }
        }
        assertEquals(20, keys.size());
    }

    /**
     * The stored data, or null when the engine has none for this key: it forgets the key (load gives null)
     * or, like Django's file and signed_cookies engines, asks for a new session at once.
     */
    Map<String, Object> loadOrNull(String key) {
        try {
            return store.load(key);
        } catch (SessionStore.StartNewSession startAgain) {
            return null;
        }
    }

    @Test
    void anUnknownOrForgedKeyLoadsNothing() {
        for (String key : List.of("unknownkey0000000000000000000000", "../../etc/passwd",
                "eyJudW1fdmlzaXRzIjo5OX0:1vNYyu:forgedsignature0000000000000000000000000")) {
            assertNull(loadOrNull(key), key);
            assertFalse(store.exists(key), key);
        }
    }

    @Test
    void aForgedKeyIsNeverAdopted() {
        String forged = "attackerchosenkey000000000000000";
        Session session = new Session(store, settings, forged);
        session.put("num_visits", 1);
        session.save();
        assertNotEquals(forged, session.getSessionKey());
        assertNull(loadOrNull(forged));
        assertEquals(Map.of("num_visits", 1), store.load(session.getSessionKey()));
    }

    @Test
    void aSessionIsNotLoadedOnceItsAgeHasPassed() {
        assumeTrue(agesByTheTestsClock(), "this store ages its entries in real time");
        String key = saveNew(carData());
        clock.advance(Duration.ofSeconds(AGE - 60));
        assertEquals(carData(), store.load(key));
        clock.advance(Duration.ofSeconds(120));
        assertNull(loadOrNull(key));
    }

    @Test
    void aSessionSavedWithAnExpiryDateInThePastIsNotLoaded() {
        assumeTrue(keepsTheExpiryDateItIsGiven(), "this engine judges the age otherwise (see its own tests)");
        String key = store.save(randomKey(), carData(), clock.instant().minusSeconds(1), true);
        assertNull(loadOrNull(key));
    }

    @Test
    @SuppressWarnings("unchecked")
    void changingANestedValueAfterSaveChangesNothingStored() {
        Map<String, Object> data = carData();
        String key = saveNew(data);
        ((Map<String, Object>) data.get("my_car")).put("wheels", "alloy");
        assertEquals(carData(), store.load(key));
    }

    @Test
    void aViewsChangeInsideAStoredValueIsLostUnlessItSaysModified() {
        // MDN's my_car: request.session['my_car']['wheels'] = 'alloy' is a read of my_car, not a write.
        String key = saveNew(carData());
        Session view = new Session(store, settings, key);
        Map<String, Object> car = view.get("my_car");
        car.put("wheels", "alloy");
        assertFalse(view.modified);
        // The middleware saves nothing; the next request loads what was stored.
        Map<String, Object> nextRequest = new Session(store, settings, key).get("my_car");
        assertEquals("steel", nextRequest.get("wheels"));
    }

    @Test
    void deleteForgetsTheSession() {
        assumeTrue(keepsSessionsOnTheServer(), "nothing on the server to delete");
        String key = saveNew(carData());
        store.delete(key);
        assertNull(loadOrNull(key));
        assertFalse(store.exists(key));
    }

    @Test
    void creatingATakenKeyIsACreateError() {
        assumeTrue(keepsSessionsOnTheServer(), "no key is ever taken");
        String key = saveNew(carData());
        assertThrows(SessionStore.CreateError.class,
                () -> store.save(key, Map.of(), clock.instant().plusSeconds(AGE), true));
        assertEquals(carData(), store.load(key));
    }

    @Test
    void updatingADeletedSessionIsAnUpdateError() {
        assumeTrue(keepsSessionsOnTheServer(), "nothing on the server to vanish");
        String key = saveNew(carData());
        store.delete(key);
        assertThrows(SessionStore.UpdateError.class,
                () -> store.save(key, Map.of(), clock.instant().plusSeconds(AGE), false));
        assertNull(loadOrNull(key));
    }

    @Test
    void flushForgetsTheKeyAndDeletesTheStoredSession() {
        String key = saveNew(carData());
        Session session = new Session(store, settings, key);
        assertEquals(3, (int) session.get("num_visits"));
        session.flush();
        assertNull(session.getSessionKey());
        assertTrue(session.isEmpty());
        if (keepsSessionsOnTheServer()) {
            assertNull(loadOrNull(key));
        }
    }

    @Test
    void cycleKeyKeepsTheDataUnderANewKey() {
        String key = saveNew(carData());
        // Signed cookies: the same data signed in the same second would be the same value.
        clock.advance(Duration.ofSeconds(1));
        Session session = new Session(store, settings, key);
        session.cycleKey();
        String newKey = session.getSessionKey();
        assertNotEquals(key, newKey);
        assertEquals(carData(), store.load(newKey));
        if (keepsSessionsOnTheServer()) {
            assertNull(loadOrNull(key));
        }
    }

    @Test
    void clearExpiredLeavesLiveSessionsAlone() {
        String key = saveNew(carData());
        store.clearExpired();
        assertEquals(carData(), store.load(key));
    }

    @Test
    void thePanelDescribesWhatIsStored() {
        String key = saveNew(carData());
        Map<String, String> row = store.storedRow(key);
        assertTrue(row != null && !row.isEmpty());
        assertTrue(String.join(" ", row.values()).contains("num_visits"), row.toString());
    }
}
