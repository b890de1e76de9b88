package locallibrary.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import locallibrary.ImproperlyConfigured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SESSION_ENGINE=file: the shared contract, and Django's files: their names, atomic writes, age by mtime. */
class FileEngineTest extends SessionStoreContract {

    @TempDir
    Path folder;

    @Override
    SessionStore newStore(TestClock clock, int cookieAge) {
        return new FileSessionStore(folder, "sessionid", cookieAge, SECRET, clock);
    }

    @Override
    boolean keepsTheExpiryDateItIsGiven() {
        return false;
    }

    private Path fileOf(String key) {
        return folder.resolve("sessionid" + key);
    }

    private List<String> fileNames() throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void eachSessionIsAFileNamedAfterTheCookieAndTheKeyHoldingTheSignedData() throws Exception {
        String key = saveNew(Map.of("num_visits", 1));
        assertEquals(List.of("sessionid" + key), fileNames());
        String content = Files.readString(fileOf(key));
        // The same text as the session_data column of the db engine: {"num_visits":1}, timestamp, signature.
        assertTrue(content.startsWith("eyJudW1fdmlzaXRzIjoxfQ:"), content);
        assertEquals(Map.of("num_visits", 1), new SignedSessionData(SECRET).decode(content));
    }

    @Test
    void aSaveRenamesANewFileIntoPlaceSoAReaderNeverSeesHalfAFile() throws Exception {
        String key = saveNew(Map.of("num_visits", 1));
        String before = Files.readString(fileOf(key));
        try (InputStream reading = Files.newInputStream(fileOf(key))) {
            // A save while a request is reading: written to a new file, renamed over the old name.
            store.save(key, Map.of("num_visits", 2), clock.instant().plusSeconds(AGE), false);
            // The reader still has the old file, whole; the name now leads to the new one.
            assertEquals(before, new String(reading.readAllBytes(), StandardCharsets.US_ASCII));
        }
        assertEquals(Map.of("num_visits", 2), store.load(key));
        // No temporary file is left behind.
        assertEquals(List.of("sessionid" + key), fileNames());
    }

    @Test
    void keysWithOtherCharactersThanAToZAndDigitsNeverBecomePaths() throws Exception {
        // A valid session file one folder down: "sub/planted" would reach it, if keys were paths.
        Files.createDirectory(folder.resolve("sessionidsub"));
        Files.writeString(folder.resolve("sessionidsub").resolve("planted"),
                new SignedSessionData(SECRET).encode(Map.of("is_admin", true)));
        for (String key : List.of("sub/planted", "../../etc/passwd", "..", "abc\\def", "ABCDEFGHIJKLMNOP",
                "valid0000000000000000000000000.x")) {
            assertNull(store.load(key), key);
            assertFalse(store.exists(key), key);
            // Django: flush() of a key nobody loaded reaches _key_to_file, which raises InvalidSessionKey (a 400).
            assertThrows(InvalidSessionKey.class, () -> store.delete(key), key);
            assertThrows(SessionStore.UpdateError.class,
                    () -> store.save(key, Map.of(), clock.instant().plusSeconds(AGE), false), key);
        }
        assertEquals(List.of("sessionidsub"), fileNames());
        assertTrue(Files.exists(folder.resolve("sessionidsub").resolve("planted")));
    }

    @Test
    void theAgeIsJudgedFromTheFilesLastModificationAndAnExpiredFileIsDeletedOnLoad() throws Exception {
        String key = saveNew(carData());
        Files.setLastModifiedTime(fileOf(key), FileTime.from(clock.instant().minusSeconds(AGE - 60)));
        assertEquals(carData(), store.load(key));
        Files.setLastModifiedTime(fileOf(key), FileTime.from(clock.instant().minusSeconds(AGE + 1)));
        // Django's file engine deletes the file and calls create(): the browser gets a new session at once.
        assertThrows(SessionStore.StartNewSession.class, () -> store.load(key));
        assertFalse(Files.exists(fileOf(key)));
    }

    @Test
    void setExpirySecondsCountFromTheLastSave() {
        String key = saveNew(Map.of("_session_expiry", 60, "n", 1));
        clock.advance(Duration.ofSeconds(50));
        assertEquals(1, store.load(key).get("n"));
        clock.advance(Duration.ofSeconds(20));
        assertNull(loadOrNull(key));
    }

    @Test
    void aSessionSavedWithANegativeExpiryIsGoneAtOnceAsInDjango() {
        // Django's file engine: get_expiry_age() of -3600 is <= 0, so the session is expired.
        String key = saveNew(Map.of("_session_expiry", -3600, "n", 1));
        assertThrows(SessionStore.StartNewSession.class, () -> store.load(key));
        assertFalse(store.exists(key));
    }

    @Test
    void anExpiredFileStartsANewSessionWithAFreshKeyAsDjangosCreateDoes() throws Exception {
        String key = saveNew(carData());
        Files.setLastModifiedTime(fileOf(key), FileTime.from(clock.instant().minusSeconds(AGE + 1)));
        Session session = new Session(store, settings, key);
        assertEquals(Map.of(), session.items());
        assertTrue(session.isModified());
        assertNotEquals(key, session.getSessionKey());
        assertTrue(store.exists(session.getSessionKey()));
    }

    @Test
    void flushWithAKeyNobodyLoadedIsSuspiciousAsInDjango() {
        Session session = new Session(store, settings, "../../etc/passwd");
        assertThrows(InvalidSessionKey.class, session::flush);
    }

    @Test
    void setExpiryMomentIsKeptAsIs() {
        String moment = clock.instant().plusSeconds(30).toString();
        String key = saveNew(Map.of("_session_expiry", moment, "n", 1));
        clock.advance(Duration.ofSeconds(20));
        assertEquals(1, store.load(key).get("n"));
        clock.advance(Duration.ofSeconds(20));
        assertNull(loadOrNull(key));
    }

    @Test
    void clearExpiredDeletesTheExpiredFilesOnly() throws Exception {
        String old = saveNew(Map.of("n", 1));
        String young = saveNew(Map.of("n", 2));
        Files.setLastModifiedTime(fileOf(old), FileTime.from(Instant.now().minusSeconds(AGE + 1)));
        // A leftover temporary file and somebody else's file: not sessions, not touched.
        Files.writeString(folder.resolve("sessionid" + young + "_out_123"), "");
        Files.writeString(folder.resolve("notes.txt"), "");
        assertEquals(1, store.clearExpired());
        assertEquals(List.of("notes.txt", "sessionid" + young, "sessionid" + young + "_out_123"), fileNames());
    }

    @Test
    void anotherStoreOnTheSameFolderFindsTheSessionsAsAfterARestart() {
        String key = saveNew(carData());
        SessionStore afterRestart = new FileSessionStore(folder, "sessionid", AGE, SECRET);
        assertEquals(carData(), afterRestart.load(key));
    }

    @Test
    void aFolderThatDoesNotExistIsAConfigurationError() {
        ImproperlyConfigured error = assertThrows(ImproperlyConfigured.class,
                () -> new FileSessionStore(folder.resolve("missing"), "sessionid", AGE, SECRET));
        assertTrue(error.getMessage().contains("SESSION_FILE_PATH"), error.getMessage());
    }

    @Test
    void aFileWithBadDataLoadsAsAnEmptySessionAndKeepsItsKey() throws Exception {
        String key = saveNew(carData());
        Files.writeString(fileOf(key), "edited by hand:1vNYyu:nosignature");
        assertEquals(Map.of(), store.load(key));
        assertTrue(store.exists(key));
    }
}
