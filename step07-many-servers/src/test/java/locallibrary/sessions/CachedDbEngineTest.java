package locallibrary.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import locallibrary.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SESSION_ENGINE=cached_db: the shared contract, and the two places: database and cache, the cache read first. */
class CachedDbEngineTest extends SessionStoreContract {

    @TempDir
    Path folder;
    private Database db;

    @Override
    SessionStore newStore(TestClock clock, int cookieAge) {
        db = Database.open(folder.resolve("db.sqlite3"));
        return new CachedDbSessionStore(db, SECRET, clock, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** The store a restarted server would have: the same database, an empty cache. */
    private SessionStore afterRestart() {
        return new CachedDbSessionStore(db, SECRET, clock, clock);
    }

    private boolean rowExists(String key) {
        return db.queryFirst("SELECT 1 FROM django_session WHERE session_key = ?", row -> true, key) != null;
    }

    private void deleteRowBehindTheStoresBack(String key) {
        assertEquals(1, db.update("DELETE FROM django_session WHERE session_key = ?", key));
    }

    @Test
    void aSaveWritesTheDatabaseAndTheCache() throws Exception {
        String key = saveNew(carData());
        assertTrue(rowExists(key));
        Map<String, String> row = store.storedRow(key);
        assertTrue(row.get("in the cache").startsWith("yes, under django.contrib.sessions.cached_db" + key),
                row.toString());
    }

    @Test
    void aLoadReadsTheCacheFirst() throws Exception {
        String key = saveNew(carData());
        deleteRowBehindTheStoresBack(key);
        // The database no longer has it, but the cache answers without asking the database.
        assertEquals(carData(), store.load(key));
    }

    @Test
    void afterARestartTheDatabaseAnswersAndFillsTheCache() throws Exception {
        String key = saveNew(carData());
        SessionStore restarted = afterRestart();
        assertTrue(restarted.storedRow(key).get("in the cache").startsWith("no"));
        assertEquals(carData(), restarted.load(key));
        // From now on the cache answers: even with the row gone the session still loads.
        deleteRowBehindTheStoresBack(key);
        assertEquals(carData(), restarted.load(key));
    }

    @Test
    void theRefilledCacheEntryExpiresWithTheRow() {
        String key = saveNew(carData());
        SessionStore restarted = afterRestart();
        clock.advance(Duration.ofSeconds(AGE - 60));
        assertEquals(carData(), restarted.load(key));
        clock.advance(Duration.ofSeconds(120));
        assertNull(restarted.load(key));
    }

    @Test
    void deleteRemovesTheRowAndTheCacheEntry() throws Exception {
        String key = saveNew(carData());
        store.delete(key);
        assertFalse(rowExists(key));
        assertNull(store.storedRow(key));
    }

    @Test
    void clearExpiredDeletesTheExpiredRows() throws Exception {
        String key = saveNew(carData());
        clock.advance(Duration.ofSeconds(AGE + 1));
        assertEquals(1, store.clearExpired());
        assertFalse(rowExists(key));
    }
}
