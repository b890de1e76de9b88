package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import locallibrary.sessions.SignedSessionData;
import locallibrary.sessions.Signing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chapter 03's decode command: it shows the JSON of any signed value, and whether the signature holds. */
class DecodeCommandTest {

    private static final String SECRET_KEY = "sandbox-test-vector-secret-key-0123456789";
    private static final String COOKIE_SALT = "django.contrib.sessions.backends.signed_cookies";

    @TempDir
    static Path folder;

    /** What a run printed, and the exit code it returned. */
    private record Run(String printed, int exitCode) {
    }

    @Test
    void pythontutorialsBarePayloadDecodesToVisit11() {
        Run run = decode("eyJ2aXNpdCI6MTF9", SECRET_KEY);
        assertEquals("{\"visit\":11}\nNo signature: anyone can read this payload, and anyone could have written it.\n",
                run.printed());
        assertEquals(1, run.exitCode());
    }

    @Test
    void sessionDataSignedWithThisKeyHolds() {
        String value = "eyJ2aXNpdCI6MTF9:1vNYyu:4jRa_r6WuKpOjj-BRJCellcbAbgcGUsslOgKVR1utpk";
        Run run = decode(value, SECRET_KEY);
        assertEquals("{\"visit\":11}\nSignature: valid session_data under this SECRET_KEY."
                + " The server loads this data.\n", run.printed());
        assertEquals(0, run.exitCode());
    }

    @Test
    void aSignedCookieIsRecognisedByItsSalt() {
        String cookie = Signing.dumps(Map.of("cart", List.of("book-1")), SECRET_KEY, COOKIE_SALT, true);
        Run run = decode(cookie, SECRET_KEY);
        assertEquals("{\"cart\":[\"book-1\"]}\nSignature: valid signed_cookies cookie under this SECRET_KEY.\n",
                run.printed());
        assertEquals(0, run.exitCode());
    }

    @Test
    void signedIsNotSecretAnotherKeyStillReadsThePayload() {
        String value = new SignedSessionData("someone-elses-key").encode(Map.of("num_visits", 2));
        Run run = decode(value, SECRET_KEY);
        assertTrue(run.printed().startsWith("{\"num_visits\":2}\nSignature: NOT valid under this SECRET_KEY."),
                run.printed());
        assertEquals(1, run.exitCode());
    }

    @Test
    void aCompressedValueIsShownInflated() {
        Map<String, Object> big = new LinkedHashMap<>();
        big.put("notes", "again ".repeat(100));
        String value = new SignedSessionData(SECRET_KEY).encode(big);
        assertTrue(value.startsWith("."), value);
        Run run = decode(value, SECRET_KEY);
        assertTrue(run.printed().startsWith("{\"notes\":\"again again "), run.printed());
        assertEquals(0, run.exitCode());
        Run bare = decode(value.substring(0, value.indexOf(':')), SECRET_KEY);
        assertTrue(bare.printed().startsWith("{\"notes\":\"again again "), bare.printed());
    }

    @Test
    void garbageGetsOneClearLineAndExitCode1() {
        Map<String, String> expected = Map.of(
                "hello!", "Payload is not base64",
                "abcd", "Payload is not a JSON object",
                "", "Payload is not a JSON object",
                "WzFd", "Payload is not a JSON object",
                "a:b", "expected a payload, or payload:time:signature",
                ".eJyrVg", "Payload is not zlib data (truncated)");
        expected.forEach((value, reason) -> {
            Run run = decode(value, SECRET_KEY);
            assertEquals("Not a signed value or a payload: " + reason + ".\n", run.printed(), value);
            assertEquals(1, run.exitCode(), value);
        });
    }

    @Test
    void decodeWithoutAValueNamesTheCommands() {
        Run run = run(new String[] {"decode"}, SECRET_KEY);
        assertFalse(run.printed().contains("Exception"), run.printed());
        assertEquals(1, run.exitCode());
    }

    private static Run decode(String value, String secretKey) {
        return run(new String[] {"decode", value}, secretKey);
    }

    private static Run run(String[] args, String secretKey) {
        Settings settings = Settings.load(Map.of("DATABASE_PATH", folder.resolve("db.sqlite3").toString(),
                "SECRET_KEY", secretKey));
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true));
        try {
            int exitCode = Manage.run(settings, args);
            return new Run(printed.toString(), exitCode);
        } finally {
            System.setOut(original);
        }
    }
}
