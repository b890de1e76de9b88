package locallibrary.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import locallibrary.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SESSION_ENGINE=db: the shared contract; its table and dates are tested in {@link DatabaseSessionStoreTest}. */
class DbEngineTest extends SessionStoreContract {

    @TempDir
    Path folder;
    private Database db;

    @Override
    SessionStore newStore(TestClock clock, int cookieAge) {
        db = Database.open(folder.resolve("db.sqlite3"));
        return new DatabaseSessionStore(db, SECRET, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void anExpiredRowStaysUntilClearExpired() {
        String key = saveNew(carData());
        clock.advance(Duration.ofSeconds(AGE + 1));
        assertNull(store.load(key));
        assertTrue(store.exists(key));
        assertEquals(1, store.clearExpired());
        assertNull(store.storedRow(key));
    }
}
