package locallibrary.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import locallibrary.Database;
import locallibrary.DatabaseError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database store on its own: Django's table, Django's date text, Django's create and update rules. */
class DatabaseSessionStoreTest {

    private static final String SECRET = "sandbox-test-vector-secret-key-0123456789";

    @TempDir
    Path folder;
    private Path file;
    private Database db;
    private DatabaseSessionStore store;

    @BeforeEach
    void open() {
        file = folder.resolve("db.sqlite3");
        db = Database.open(file);
        store = new DatabaseSessionStore(db, SECRET);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void theTableAndIndexAreDjangos() throws Exception {
        assertEquals(List.of(
                "CREATE TABLE \"django_session\" (\"session_key\" varchar(40) NOT NULL PRIMARY KEY, "
                        + "\"session_data\" text NOT NULL, \"expire_date\" datetime NOT NULL)",
                "CREATE INDEX \"django_session_expire_date_a5c62663\" ON \"django_session\" (\"expire_date\")"),
                schema());
    }

    @Test
    void openingAgainKeepsTheRows() {
        store.save("keptkey00000000000000000000000000", Map.of("n", 1), Instant.now().plusSeconds(60), true);
        DatabaseSessionStore again = new DatabaseSessionStore(db, SECRET);
        assertEquals(Map.of("n", 1), again.load("keptkey00000000000000000000000000"));
    }

    @Test
    void datesAreWrittenAsDjangoWritesThemOnSqlite() {
        assertEquals("2026-12-09 09:45:09.123456",
                DatabaseSessionStore.djangoDate(Instant.parse("2026-12-09T09:45:09.123456789Z")));
        // Python's str(datetime) leaves out a zero fraction.
        assertEquals("2026-12-09 09:45:09", DatabaseSessionStore.djangoDate(Instant.parse("2026-12-09T09:45:09Z")));
    }

    @Test
    void saveStoresTheSignedDataAndTheExpiry() {
        Instant expires = Instant.parse("2100-01-01T00:00:00.5Z");
        store.save("somekey000000000000000000000000000", Map.of("num_visits", 1), expires, true);
        Map<String, String> row = store.storedRow("somekey000000000000000000000000000");
        assertTrue(row.get("session_data").startsWith("eyJudW1fdmlzaXRzIjoxfQ:"), row.toString());
        assertEquals("2100-01-01 00:00:00.500000 (UTC)", row.get("expire_date"));
        assertEquals(Map.of("num_visits", 1), store.load("somekey000000000000000000000000000"));
    }

    @Test
    void creatingATakenKeyIsACreateError() {
        store.save("takenkey00000000000000000000000000", Map.of(), Instant.now().plusSeconds(60), true);
        assertThrows(SessionStore.CreateError.class,
                () -> store.save("takenkey00000000000000000000000000", Map.of(), Instant.now().plusSeconds(60), true));
    }

    @Test
    void updatingAVanishedSessionIsAnUpdateError() {
        assertThrows(SessionStore.UpdateError.class,
                () -> store.save("gonekey000000000000000000000000000", Map.of(), Instant.now().plusSeconds(60), false));
    }

    @Test
    void anExpiredRowIsNotLoadedButStillExists() {
        store.save("oldkey0000000000000000000000000000", Map.of("n", 1), Instant.now().minusSeconds(1), true);
        assertNull(store.load("oldkey0000000000000000000000000000"));
        assertTrue(store.exists("oldkey0000000000000000000000000000"));
        assertEquals(1, store.clearExpired());
        assertFalse(store.exists("oldkey0000000000000000000000000000"));
    }

    @Test
    void dataSignedWithAnotherSecretKeyLoadsAsAnEmptySession() {
        new DatabaseSessionStore(db, "another-secret-key")
                .save("otherkey00000000000000000000000000", Map.of("n", 1), Instant.now().plusSeconds(60), true);
        assertEquals(Map.of(), store.load("otherkey00000000000000000000000000"));
    }

    /** Django's own test of data saved before Django 3.1 (sessions_tests, test_decode_legacy), and its key. */
    private static final String DJANGO_TESTS_SECRET_KEY = "django_tests_secret_key";
    private static final String PRE_3_1_SESSION_DATA =
            "OWUzNTNmNWQxNTBjOWExZmM4MmQ3NzNhMDRmMjU4NmYwNDUyNGI2NDp7ImEgdGVzdCBrZXkiOiJhIHRlc3QgdmFsdWUifQ==";

    @Test
    void dataSavedBeforeDjango31IsReadAndTheNextSaveWritesItInTodaysFormat() {
        DatabaseSessionStore django = new DatabaseSessionStore(db, DJANGO_TESTS_SECRET_KEY);
        insertRow("legacykey000000000000000000000000", PRE_3_1_SESSION_DATA);
        Map<String, Object> data = django.load("legacykey000000000000000000000000");
        assertEquals(Map.of("a test key", "a test value"), data);
        assertFalse(data instanceof SignedSessionData.Corrupted);
        assertEquals("{\"a test key\":\"a test value\"} (pre-3.1 format, SHA-1 hash valid: the next save writes it"
                + " in today's format)",
                django.storedRow("legacykey000000000000000000000000").get("session_data decoded"));

        django.save("legacykey000000000000000000000000", data, Instant.now().plusSeconds(60), false);
        Map<String, String> row = django.storedRow("legacykey000000000000000000000000");
        assertEquals("{\"a test key\":\"a test value\"} (signature valid)", row.get("session_data decoded"));
        assertEquals(3, row.get("session_data").split(":").length, row.get("session_data"));
    }

    @Test
    void dataSavedBeforeDjango31WithAHashThatDoesNotMatchIsAnEmptySession() {
        // Django's value with "a test value" changed to "another value", and the value under another key.
        String changed =
                "OWUzNTNmNWQxNTBjOWExZmM4MmQ3NzNhMDRmMjU4NmYwNDUyNGI2NDp7ImEgdGVzdCBrZXkiOiJhbm90aGVyIHZhbHVlIn0=";
        DatabaseSessionStore django = new DatabaseSessionStore(db, DJANGO_TESTS_SECRET_KEY);
        insertRow("changedkey00000000000000000000000", changed);
        insertRow("otherkey000000000000000000000000", PRE_3_1_SESSION_DATA);
        for (Map<String, Object> data : List.of(django.load("changedkey00000000000000000000000"),
                store.load("otherkey000000000000000000000000"))) {
            assertEquals(Map.of(), data);
            assertTrue(data instanceof SignedSessionData.Corrupted);
        }
        assertTrue(django.storedRow("changedkey00000000000000000000000").get("session_data decoded")
                .endsWith("(signature NOT valid: loaded as an empty session)"));
    }

    @Test
    void correctlySignedDataThatIsNotBase64OrNotJsonLoadsAsAnEmptySessionAndTheRowIsLeftAlone() throws Exception {
        // Signed with our own key, so that decoding gets past the signature and meets the garbage.
        String notBase64 = "!!!:1vNYyu";
        String notJson = Signing.b64Encode("this is not JSON".getBytes(StandardCharsets.US_ASCII)) + ":1vNYyu";
        for (String withTime : List.of(notBase64, notJson)) {
            String sessionData = withTime + ":" + Signing.signature(withTime, SECRET, SignedSessionData.KEY_SALT);
            insertRow("garbagekey000000000000000000000000", sessionData);
            assertEquals(Map.of(), store.load("garbagekey000000000000000000000000"));
            assertEquals(sessionData, store.storedRow("garbagekey000000000000000000000000").get("session_data"));
            store.delete("garbagekey000000000000000000000000");
        }
    }

    @Test
    void aSessionTooLargeForTheSpaceLeftIsRefusedAndTheStoredRowStaysAsItWas() throws Exception {
        store.save("growingkey000000000000000000000000", Map.of("n", 1), Instant.now().plusSeconds(60), true);
        String before = store.storedRow("growingkey000000000000000000000000").get("session_data");
        // A full disk: the file may not grow by a single page (SQLite raises 1 to the file's current size).
        db.queryFirst("PRAGMA max_page_count = 1", row -> row.getLong(1));
        // Random letters: compression cannot shrink them much, so the value needs many new pages.
        String letters = new Random(42).ints(1_000_000, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        Map<String, Object> tooLarge = Map.of("n", 2, "text", letters);
        DatabaseError update = assertThrows(DatabaseError.class, () -> store.save(
                "growingkey000000000000000000000000", tooLarge, Instant.now().plusSeconds(60), false));
        assertTrue(update.getMessage().contains("database or disk is full"), update.getMessage());
        assertEquals(before, store.storedRow("growingkey000000000000000000000000").get("session_data"));
        assertEquals(Map.of("n", 1), store.load("growingkey000000000000000000000000"));
        assertThrows(DatabaseError.class, () -> store.save(
                "newkey000000000000000000000000000000", tooLarge, Instant.now().plusSeconds(60), true));
        assertFalse(store.exists("newkey000000000000000000000000000000"));
    }

    private void insertRow(String key, String sessionData) {
        db.update("INSERT INTO django_session VALUES (?, ?, '2100-01-01 00:00:00')", key, sessionData);
    }

    /** The table's and the index's SQL, read as anyone would read them: through a connection of our own. */
    private List<String> schema() throws Exception {
        List<String> sql = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("SELECT sql FROM sqlite_master"
                        + " WHERE tbl_name = 'django_session' AND sql IS NOT NULL ORDER BY type DESC")) {
            while (rows.next()) {
                sql.add(rows.getString(1));
            }
        }
        return sql;
    }
}
