package locallibrary.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import locallibrary.Settings;
import org.junit.jupiter.api.Test;

/**
 * Every method of the dictionary-like session, and what it does to Django's two flags: {@code accessed}
 * (any read or write) and {@code modified} (any change of a top-level key).
 */
class SessionApiTest {

    private static final String KEY = "storedsessionkey0123456789abcdef";

    private final InMemorySessionStore store = new InMemorySessionStore();
    private final Settings settings = Settings.load();

    /** A browser's session, stored (again) as {"my_car": "mini", "visit": 3}, as its next request finds it. */
    private Session storedSession() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("my_car", "mini");
        data.put("visit", 3);
        store.delete(KEY);
        store.save(KEY, data, Instant.now().plusSeconds(60), true);
        return new Session(store, settings, KEY);
    }

    @Test
    void getGivesTheValueOrNullOrTheDefault() {
        Session session = storedSession();
        assertEquals("mini", session.get("my_car"));
        assertNull(session.get("bicycle"));
        assertEquals("tandem", session.get("bicycle", "tandem"));
        assertEquals("mini", session.get("my_car", "tandem"));
        assertTrue(session.accessed);
        assertFalse(session.modified);
    }

    @Test
    void putStoresAndSetsModified() {
        Session session = storedSession();
        session.put("my_car", "beetle");
        assertEquals("beetle", session.get("my_car"));
        assertTrue(session.accessed);
        assertTrue(session.modified);
    }

    @Test
    void deleteRemovesTheKeyAndSetsModified() {
        Session session = storedSession();
        session.delete("my_car");
        assertFalse(session.contains("my_car"));
        assertTrue(session.modified);
    }

    @Test
    void deletingAMissingKeyIsAKeyErrorAndChangesNothing() {
        Session session = storedSession();
        KeyError error = assertThrows(KeyError.class, () -> session.delete("bicycle"));
        assertEquals("KeyError: 'bicycle'", error.getMessage());
        assertFalse(session.modified);
        assertEquals(Set.of("my_car", "visit"), session.keys());
    }

    @Test
    void containsIsARead() {
        Session session = storedSession();
        assertTrue(session.contains("my_car"));
        assertFalse(session.contains("bicycle"));
        assertTrue(session.accessed);
        assertFalse(session.modified);
    }

    @Test
    void popRemovesAndReturnsTheValue() {
        Session session = storedSession();
        assertEquals("mini", session.pop("my_car"));
        assertFalse(session.contains("my_car"));
        assertTrue(session.modified);
    }

    @Test
    void popOfAMissingKeyIsAKeyError() {
        Session session = storedSession();
        KeyError error = assertThrows(KeyError.class, () -> session.pop("bicycle"));
        assertEquals("KeyError: 'bicycle'", error.getMessage());
        assertFalse(session.modified);
    }

    @Test
    void popOfAMissingKeyWithADefaultChangesNothing() {
        Session session = storedSession();
        assertEquals("tandem", session.pop("bicycle", "tandem"));
        assertFalse(session.modified);
        assertEquals("mini", session.pop("my_car", "tandem"));
        assertTrue(session.modified);
    }

    @Test
    void setdefaultStoresOnlyWhenTheKeyIsMissing() {
        Session present = storedSession();
        assertEquals("mini", present.setdefault("my_car", "beetle"));
        assertEquals("mini", present.get("my_car"));
        assertFalse(present.modified);

        Session absent = storedSession();
        assertEquals("tandem", absent.setdefault("bicycle", "tandem"));
        assertEquals("tandem", absent.get("bicycle"));
        assertTrue(absent.modified);
    }

    @Test
    void updateStoresEveryValueAndSetsModified() {
        Session session = storedSession();
        session.update(Map.of("visit", 4));
        assertEquals(4, (int) session.get("visit"));
        assertTrue(session.modified);
        // Django marks it modified even when nothing is new.
        Session same = storedSession();
        same.update(Map.of());
        assertTrue(same.modified);
    }

    @Test
    void keysValuesAndItemsAreCopiesInTheStoredOrder() {
        Session session = storedSession();
        assertEquals(List.of("my_car", "visit"), new ArrayList<>(session.keys()));
        assertEquals(List.of("mini", 3), new ArrayList<>(session.values()));
        assertEquals(Map.of("my_car", "mini", "visit", 3), session.items());
        // Changing a copy changes nothing: only the session's own methods count as a change.
        session.keys().clear();
        session.items().clear();
        assertEquals(2, session.keys().size());
        assertFalse(session.modified);
    }

    @Test
    void clearEmptiesTheDataButKeepsTheKeyWithoutLoading() {
        List<String> calls = new ArrayList<>();
        Session session = new Session(new RecordingStore(store, calls), settings, KEY);
        storedSession();
        session.clear();
        assertEquals(List.of(), calls);
        assertEquals(Map.of(), session.items());
        assertEquals(KEY, session.getSessionKey());
        assertFalse(session.isEmpty());
        assertTrue(session.accessed);
        assertTrue(session.modified);
    }

    @Test
    void isEmptyMeansNoKeyAndNoData() {
        assertTrue(new Session(store, settings, null).isEmpty());
        assertFalse(storedSession().isEmpty());
        Session fresh = new Session(store, settings, null);
        fresh.put("visit", 1);
        assertFalse(fresh.isEmpty());
    }

    @Test
    void flushDeletesTheStoredSessionAndForgetsTheKey() {
        Session session = storedSession();
        session.flush();
        assertNull(session.getSessionKey());
        assertEquals(Map.of(), session.items());
        assertTrue(session.isEmpty());
        assertFalse(store.exists(KEY));
        assertTrue(session.modified);
    }

    @Test
    void cycleKeyKeepsTheDataUnderANewKeySavedAtOnce() {
        Session session = storedSession();
        session.cycleKey();
        String newKey = session.getSessionKey();
        assertNotEquals(KEY, newKey);
        assertTrue(newKey.matches("[a-z0-9]{32}"), newKey);
        assertFalse(store.exists(KEY));
        assertEquals(Map.of("my_car", "mini", "visit", 3), store.load(newKey));
        assertEquals("mini", session.get("my_car"));
        assertTrue(session.modified);
    }

    @Test
    void aChangeInsideAStoredValueIsNotAModification() {
        // MDN's example: request.session['my_car']['wheels'] = 'alloy' changes a value, not a key.
        Session before = new Session(store, settings, null);
        before.put("my_car", new LinkedHashMap<>(Map.of("wheels", "steel")));
        before.save();
        Session session = new Session(store, settings, before.getSessionKey());
        Map<String, Object> car = session.get("my_car");
        car.put("wheels", "alloy");
        assertFalse(session.modified);
        // request.session.modified = True: now the middleware will save it.
        session.setModified(true);
        assertTrue(session.modified);
    }

    @Test
    void everyReadSetsAccessedAndNothingButAChangeSetsModified() {
        List<Consumer<Session>> reads = List.of(
                s -> s.get("visit"), s -> s.get("visit", 0), s -> s.contains("visit"),
                Session::keys, Session::values, Session::items);
        for (Consumer<Session> read : reads) {
            Session session = storedSession();
            read.accept(session);
            assertTrue(session.accessed);
            assertFalse(session.modified);
        }
    }

    @Test
    void aSessionNobodyTouchesNeverAsksTheStore() {
        List<String> calls = new ArrayList<>();
        Session session = new Session(new RecordingStore(store, calls), settings, KEY);
        session.getSessionKey();
        session.isEmpty();
        assertEquals(List.of(), calls);
        assertFalse(session.accessed);
        assertFalse(session.modified);
    }

    /** A store that writes down each call it gets, then passes it on. */
    private record RecordingStore(SessionStore store, List<String> calls) implements SessionStore {
        public Map<String, Object> load(String key) {
            calls.add("load");
            return store.load(key);
        }

        public boolean exists(String key) {
            calls.add("exists");
            return store.exists(key);
        }

        public String save(String key, Map<String, Object> data, Instant expireDate, boolean mustCreate) {
            calls.add("save");
            return store.save(key, data, expireDate, mustCreate);
        }

        public void delete(String key) {
            calls.add("delete");
            store.delete(key);
        }

        public int clearExpired() {
            calls.add("clearExpired");
            return store.clearExpired();
        }

        public Map<String, String> storedRow(String key) {
            calls.add("storedRow");
            return store.storedRow(key);
        }
    }
}
