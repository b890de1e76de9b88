package locallibrary.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import locallibrary.Settings;
import org.junit.jupiter.api.Test;

/** The session object on its own, with the in-memory store. */
class SessionTest {

    private final InMemorySessionStore store = new InMemorySessionStore();
    private final Settings settings = Settings.load();

    @Test
    void newKeysAre32CharactersFromAToZAndDigits() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            Session session = new Session(store, settings, null);
            session.put("n", i);
            session.save();
            assertTrue(session.getSessionKey().matches("[a-z0-9]{32}"), session.getSessionKey());
            keys.add(session.getSessionKey());
        }
        assertEquals(1000, keys.size());
    }

    @Test
    void aNewKeyIsDrawnAgainWhileTheStoreHasIt() {
        // A store that claims the first two keys it is asked about are taken.
        List<String> askedAbout = new ArrayList<>();
        SessionStore crowded = new SessionStore() {
            public Map<String, Object> load(String key) {
                return store.load(key);
            }

            public boolean exists(String key) {
                askedAbout.add(key);
                return askedAbout.size() <= 2;
            }

            public String save(String key, Map<String, Object> data, Instant expireDate, boolean mustCreate) {
                return store.save(key, data, expireDate, mustCreate);
            }

            public void delete(String key) {
                store.delete(key);
            }

            public int clearExpired() {
                return store.clearExpired();
            }

            public Map<String, String> storedRow(String key) {
                return store.storedRow(key);
            }
        };
        Session session = new Session(crowded, settings, null);
        session.put("n", 1);
        session.save();
        assertEquals(3, askedAbout.size());
        assertEquals(askedAbout.get(2), session.getSessionKey());
    }

    @Test
    void aKeyTheStoreDoesNotKnowIsForgottenOnLoad() {
        Session session = new Session(store, settings, "abcdefghijklmnopqrstuvwxyz012345");
        assertEquals(0, (int) session.get("num_visits", 0));
        assertNull(session.getSessionKey());
        assertTrue(session.keyFromCookieRejected());
    }

    @Test
    void keysShorterThanEightCharactersAreIgnored() {
        assertNull(new Session(store, settings, "1234567").getSessionKey());
        assertEquals("12345678", new Session(store, settings, "12345678").getSessionKey());
    }

    @Test
    void readingSetsAccessedAndWritingSetsModified() {
        Session session = new Session(store, settings, null);
        assertFalse(session.accessed);
        session.get("a", null);
        assertTrue(session.accessed);
        assertFalse(session.modified);
        session.put("a", 1);
        assertTrue(session.modified);
    }

    @Test
    void anExpiredSessionIsNotLoaded() {
        store.save("expiredkey0000000000000000000000", Map.of("n", 1), Instant.now().minusSeconds(1), true);
        assertNull(store.load("expiredkey0000000000000000000000"));
        assertTrue(store.exists("expiredkey0000000000000000000000"));
        assertEquals(1, store.clearExpired());
        assertFalse(store.exists("expiredkey0000000000000000000000"));
    }
}
