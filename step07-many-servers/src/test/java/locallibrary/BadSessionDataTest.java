package locallibrary;

import static locallibrary.DatabaseSessionsTest.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import locallibrary.sessions.SignedSessionData;
import locallibrary.sessions.Signing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rows whose session_data is broken get Django's answer: an empty session under the same key (the save
 * then overwrites the row), a warning in the log, never a 500 and never another session's data; the other
 * rows stay exactly as they were. And a very large session is no error at all: Django's database engine
 * has no size limit, and neither has ours.
 */
class BadSessionDataTest {

    private static final String FAKE_SIGNATURE = "A".repeat(43);

    static Stream<Arguments> brokenSessionData() {
        String notJson = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("this is not JSON".getBytes(StandardCharsets.US_ASCII));
        return Stream.of(
                Arguments.of("not base64", "!!! not base64 !!!:1vNYyu:" + FAKE_SIGNATURE),
                Arguments.of("not JSON", notJson + ":1vNYyu:" + FAKE_SIGNATURE),
                Arguments.of("no colons at all", "just some text"),
                Arguments.of("empty", ""),
                Arguments.of("signed with another SECRET_KEY", Signing.dumps(Map.of("num_visits", 99),
                        "another-projects-secret-key", SignedSessionData.KEY_SALT, true)),
                // Data saved before Django 3.1 ("hash:json" in base64), its hash made up.
                Arguments.of("pre-3.1 data with a wrong hash", Base64.getEncoder().encodeToString(
                        ("0".repeat(40) + ":{\"num_visits\":99}").getBytes(StandardCharsets.US_ASCII))),
                Arguments.of("5 MB of garbage", "e".repeat(5_000_000) + ":1vNYyu:" + FAKE_SIGNATURE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenSessionData")
    void brokenSessionDataIsAnEmptySessionUnderTheSameKeyAndOtherRowsStayAsTheyWere(String what, String sessionData)
            throws Exception {
        try (TestServer server = TestServer.start();
                LogRecords log = LogRecords.of("django.security.SuspiciousSession")) {
            String alice = RawHttp.get(server.url("/")).newKey();
            String bob = RawHttp.get(server.url("/")).newKey();
            setSessionData(server.databasePath(), bob, sessionData);
            Map<String, String> aliceBefore = row(server.databasePath(), alice);

            RawHttp.Answer answer = RawHttp.get(server.url("/"), "Cookie: sessionid=" + bob);
            assertEquals(200, answer.status());
            assertEquals("You have visited this page 1 time.", answer.visits());
            // Django keeps the key of a row it found, and the save overwrites the broken data.
            assertEquals(bob, answer.newKey());
            assertEquals(Map.of("num_visits", 1), decode(row(server.databasePath(), bob).get("session_data")));
            assertEquals(1, log.all().size());
            assertTrue(log.all().get(0).getMessage().startsWith("Session data corrupted"),
                    log.all().get(0).getMessage());

            assertEquals(aliceBefore, row(server.databasePath(), alice));
            assertEquals("You have visited this page 2 times.",
                    RawHttp.get(server.url("/"), "Cookie: sessionid=" + alice).visits());
        }
    }

    @Test
    void aFiveMegabyteSessionIsLoadedAndSavedWhole() throws Exception {
        try (TestServer server = TestServer.start()) {
            String bob = RawHttp.get(server.url("/")).newKey();
            Map<String, Object> big = new LinkedHashMap<>();
            big.put("num_visits", 41);
            // Random letters: compression cannot shrink them much, so the stored value stays large.
            big.put("notes", new Random(42).ints(5_000_000, 'a', 'z' + 1)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
            setSessionData(server.databasePath(), bob, Signing.dumps(big, Settings.load().SECRET_KEY,
                    SignedSessionData.KEY_SALT, true));

            RawHttp.Answer answer = RawHttp.get(server.url("/"), "Cookie: sessionid=" + bob);
            assertEquals(200, answer.status());
            assertEquals("You have visited this page 42 times.", answer.visits());
            assertEquals(bob, answer.newKey());
            big.put("num_visits", 42);
            assertEquals(big, decode(row(server.databasePath(), bob).get("session_data")));
        }
    }

    /** The data inside a session_data value, checked under the server's SECRET_KEY. */
    private static Map<String, Object> decode(String sessionData) throws Signing.BadSignature {
        return Signing.loads(sessionData, Settings.load().SECRET_KEY, SignedSessionData.KEY_SALT, null);
    }

    private static void setSessionData(Path database, String key, String sessionData) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database);
                PreparedStatement update = db.prepareStatement(
                        "UPDATE django_session SET session_data = ? WHERE session_key = ?")) {
            update.setString(1, sessionData);
            update.setString(2, key);
            assertEquals(1, update.executeUpdate());
        }
    }
}
