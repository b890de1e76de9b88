package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Django 3.2's answers, engine by engine, to a session that cannot be used: an expired file or a tampered
 * signed cookie starts a new session at once (a fresh cookie, even on a page that only reads); a session
 * saved with a negative expiry is gone; flush() with a file key no session can have is a 400.
 */
class DjangoAnswersBadSessionsTest {

    @TempDir
    Path folder;

    @Test
    void anExpiredFileSessionOnAReadOnlyPageGetsAFreshCookieAsDjangoSendsIt() throws Exception {
        try (TestServer server = TestServer.start(Map.of("SESSION_ENGINE", "file",
                "SESSION_FILE_PATH", folder.toString()))) {
            String key = CookieSettingsTest.keyIn(send(server, "GET", "/visit", null, null));
            Path file = folder.resolve("sessionid" + key);
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(1209600 + 60)));
            HttpResponse<String> peek = send(server, "GET", "/session/peek", "sessionid=" + key, null);
            String fresh = CookieSettingsTest.keyIn(peek);
            assertTrue(fresh != null && !fresh.isEmpty() && !fresh.equals(key), peek.headers().toString());
            assertFalse(Files.exists(file));
            assertTrue(Files.exists(folder.resolve("sessionid" + fresh)));
        }
    }

    @Test
    void aTamperedSignedCookieOnAReadOnlyPageGetsAFreshCookieAsDjangoSendsIt() throws Exception {
        try (TestServer server = TestServer.start(Map.of("SESSION_ENGINE", "signed_cookies"))) {
            String forged = "eyJudW1fdmlzaXRzIjo5OX0:1vNYyu:forgedsignature0000000000000";
            HttpResponse<String> peek = send(server, "GET", "/session/peek", "sessionid=" + forged, null);
            String cookie = peek.headers().firstValue("Set-Cookie").orElse("");
            assertTrue(cookie.startsWith("sessionid=e30:") && cookie.contains("Max-Age=1209600"), cookie);
            String fresh = cookie.substring("sessionid=".length(), cookie.indexOf(';'));
            assertNotEquals(forged, fresh);
            // The fresh cookie holds the signed empty session ("e30" is {} in base64), and reads back as such.
            HttpResponse<String> next = send(server, "GET", "/session/peek", "sessionid=" + fresh, null);
            assertTrue(next.body().contains("Your session holds {}"), next.body());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"db", "file", "cache", "cached_db"})
    void aSessionSavedWithANegativeExpiryIsGone(String engine) throws Exception {
        try (TestServer server = TestServer.start(Map.of("SESSION_ENGINE", engine,
                "SESSION_FILE_PATH", folder.toString()))) {
            String key = CookieSettingsTest.keyIn(send(server, "GET", "/visit", null, null));
            HttpResponse<String> expired = send(server, "POST", "/session", "sessionid=" + key,
                    "action=expiry_seconds&seconds=-3600");
            assertTrue(expired.headers().firstValue("Set-Cookie").orElse("").contains("Max-Age=-3600"));
            HttpResponse<String> peek = send(server, "GET", "/session/peek", "sessionid=" + key, null);
            assertTrue(peek.body().contains("Your session holds {}"), engine + ": " + peek.body());
        }
    }

    @Test
    void flushWithAFileKeyThatNoSessionCanHaveIsA400AsInDjango() throws Exception {
        try (TestServer server = TestServer.start(Map.of("SESSION_ENGINE", "file",
                "SESSION_FILE_PATH", folder.toString()))) {
            HttpResponse<String> flush = send(server, "POST", "/session", "sessionid=../../etc/passwd", "action=flush");
            assertEquals(400, flush.statusCode());
            assertEquals("<h1>Bad Request (400)</h1>", flush.body());
        }
    }

    private static HttpResponse<String> send(TestServer server, String method, String path, String cookie,
            String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path)))
                .method(method, form == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(form));
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
