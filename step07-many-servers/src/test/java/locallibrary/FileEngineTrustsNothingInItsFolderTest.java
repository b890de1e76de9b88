package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Stream;
import locallibrary.sessions.FileSessionStore;
import locallibrary.web.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chapter 05's claims about the file engine's folder, which other users may share: a session is loaded
 * only from a regular file the server wrote (no link followed, its owner, mode 0600, at most 64 MiB), a key never
 * reaches the log, and a folder that is gone answers 503 with one log line. A planted file never becomes
 * a session, and the other sessions stay as they were.
 */
class FileEngineTrustsNothingInItsFolderTest {

    @TempDir
    Path folder;

    private final HttpClient client = HttpClient.newHttpClient();
    private TestServer server;
    private String aliceKey;
    private String aliceFile;

    @BeforeEach
    void aliceHasASessionOfTwoVisits() throws Exception {
        server = TestServer.start(Map.of("SESSION_ENGINE", "file", "SESSION_FILE_PATH", folder.toString()));
        aliceKey = newKey(visit(null));
        visit(aliceKey);
        aliceFile = Files.readString(fileOf(aliceKey));
    }

    @Test
    void aLinkToAnotherSessionsFileIsNotFollowed() throws Exception {
        String planted = plantedKey('a');
        Files.createSymbolicLink(fileOf(planted), fileOf(aliceKey));
        assertPlantedFileIsIgnored(planted);
    }

    @Test
    void aLinkToDevZeroIsNotFollowedAndReadsNothing() throws Exception {
        String planted = plantedKey('b');
        Files.createSymbolicLink(fileOf(planted), Path.of("/dev/zero"));
        assertPlantedFileIsIgnored(planted);
    }

    @Test
    void aFileOthersMayReadIsIgnored() throws Exception {
        // Alice's signed data, valid in every way but its mode: 0644, as a file someone else made.
        String planted = plantedKey('c');
        Files.writeString(fileOf(planted), aliceFile);
        Files.setPosixFilePermissions(fileOf(planted), PosixFilePermissions.fromString("rw-r--r--"));
        assertPlantedFileIsIgnored(planted);
    }

    @Test
    void aFileOfAnotherUserIsIgnored() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root may give a file to another user");
        // Alice's signed data, mode 0600 as the server makes its files, but owned by "nobody".
        String planted = plantedKey('e');
        Files.copy(fileOf(aliceKey), fileOf(planted), StandardCopyOption.COPY_ATTRIBUTES);
        Files.setOwner(fileOf(planted), folder.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName("nobody"));
        assertPlantedFileIsIgnored(planted);
    }

    @Test
    void aFileLargerThanTheLimitIsIgnoredUnread() throws Exception {
        String planted = plantedKey('d');
        Files.createFile(fileOf(planted), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        try (RandomAccessFile file = new RandomAccessFile(fileOf(planted).toFile(), "rw")) {
            file.setLength(64L * 1024 * 1024 + 1); // sparse: no disk space, but its size says 64 MiB and a byte
        }
        assertPlantedFileIsIgnored(planted);
    }

    @Test
    void newSessionFilesAreReadableByTheServersUserAlone() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fileOf(aliceKey))));
    }

    @Test
    void aDeletedFolderAnswers503AndOneLogLineUntilItIsBack() throws Exception {
        try (LogRecords log = LogRecords.of(Response.class.getName())) {
            deleteFolder();
            HttpResponse<String> bob = visit(null);
            assertEquals(503, bob.statusCode());
            assertEquals(DatabaseTroubleTest.SERVICE_UNAVAILABLE, bob.body());
            assertTrue(bob.headers().firstValue("Set-Cookie").isEmpty());
            List<LogRecord> lines = log.all();
            assertEquals(1, lines.size(), lines.toString());
            assertEquals(Level.SEVERE, lines.get(0).getLevel());
            assertEquals("Service Unavailable: /: the session folder " + folder + " is missing or not writable"
                    + " (NoSuchFileException)", lines.get(0).getMessage());
            assertNull(lines.get(0).getThrown());
        }
        Files.createDirectory(folder);
        assertTrue(visit(null).body().contains("You have visited this page 1 time."));
    }

    /** The planted key gets a new session under a new key; Alice's is as it was; the log holds no key. */
    private void assertPlantedFileIsIgnored(String planted) throws Exception {
        try (LogRecords log = LogRecords.of(FileSessionStore.class.getName())) {
            HttpResponse<String> answer = visit(planted);
            assertEquals(200, answer.statusCode());
            assertTrue(answer.body().contains("You have visited this page 1 time."), answer.body());
            String newKey = newKey(answer);
            assertNotEquals(planted, newKey);
            assertEquals(List.of("Ignored the session file of key #"), log.all().stream()
                    .map(line -> line.getMessage().replaceAll("#.*", "#")).toList());
            for (LogRecord line : log.all()) {
                assertFalse(line.getMessage().contains(planted), line.getMessage());
                assertFalse(line.getMessage().contains(newKey), line.getMessage());
                assertFalse(line.getMessage().contains(aliceKey), line.getMessage());
            }
        }
        assertEquals(aliceFile, Files.readString(fileOf(aliceKey)));
        assertTrue(visit(aliceKey).body().contains("You have visited this page 3 times."));
    }

    @AfterEach
    void stopTheServer() {
        server.close();
    }

    private HttpResponse<String> visit(String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url("/")));
        if (key != null) {
            request.header("Cookie", "sessionid=" + key);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String newKey(HttpResponse<String> answer) {
        String cookie = answer.headers().firstValue("Set-Cookie").orElseThrow();
        return cookie.substring("sessionid=".length(), cookie.indexOf(';'));
    }

    /** A key that looks like one of ours, for a file someone else put into the folder. */
    private static String plantedKey(char letter) {
        return String.valueOf(letter).repeat(32);
    }

    private Path fileOf(String key) {
        return folder.resolve("sessionid" + key);
    }

    private void deleteFolder() throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
