package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import locallibrary.sessions.SignedCookieSessionStore;
import locallibrary.sessions.SignedCookieValues;
import org.htmlunit.WebClient;
import org.htmlunit.util.Cookie;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SESSION_ENGINE=signed_cookies through a real browser: the session is the cookie, readable, signed, and
 * limited in size.
 */
class SignedCookieSessionsTest {

    private static final String SECRET_KEY = Settings.load().SECRET_KEY;

    private static TestServer start() {
        return TestServer.start(Map.of("SESSION_ENGINE", "signed_cookies"));
    }

    private static String visit(WebClient browser, TestServer server) throws Exception {
        return browser.getPage(server.url("/visit")).getWebResponse().getContentAsString();
    }

    @Test
    void theBrowserCanReadItsSessionAndTheServerKeepsNothing() throws Exception {
        try (TestServer server = start(); WebClient browser = TestServer.browser()) {
            visit(browser, server);
            visit(browser, server);
            String value = browser.getCookieManager().getCookie("sessionid").getValue();
            String payload = value.substring(0, value.indexOf(':'));
            assertEquals("{\"visit\":2}", new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
            // Not even the table: no engine that uses it was started on this database.
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + server.databasePath());
                    ResultSet tables = db.createStatement().executeQuery(
                            "SELECT count(*) FROM sqlite_master WHERE name = 'django_session'")) {
                assertEquals(0, tables.getInt(1));
            }
        }
    }

    @Test
    void aValueChangedByTheBrowserGivesAnEmptySession() throws Exception {
        try (TestServer server = start(); WebClient browser = TestServer.browser()) {
            visit(browser, server);
            String value = browser.getCookieManager().getCookie("sessionid").getValue();
            String forged = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString("{\"visit\":99}".getBytes(StandardCharsets.UTF_8))
                    + value.substring(value.indexOf(':'));
            RawHttp.Answer answer = RawHttp.get(server.url("/visit"), "Cookie: sessionid=" + forged);
            assertEquals("Visit count:1", answer.body());
        }
    }

    @Test
    void aValueSignedLongerAgoThanTheCookieAgeIsRefused() throws Exception {
        try (TestServer server = TestServer.start(
                Map.of("SESSION_ENGINE", "signed_cookies", "SESSION_COOKIE_AGE", "3600"))) {
            long now = Instant.now().getEpochSecond();
            String recent = SignedCookieValues.signedAt(Map.of("visit", 5), SECRET_KEY, now - 3000);
            String old = SignedCookieValues.signedAt(Map.of("visit", 5), SECRET_KEY, now - 3700);
            assertEquals("Visit count:6", RawHttp.get(server.url("/visit"), "Cookie: sessionid=" + recent).body());
            assertEquals("Visit count:1", RawHttp.get(server.url("/visit"), "Cookie: sessionid=" + old).body());
        }
    }

    @Test
    void aForgedValueWithAnExpiryThatCannotBeReadGetsNormalPages() throws Exception {
        // SECRET_KEY's default is published, so anyone can sign any data; set_expiry never stores these.
        try (TestServer server = start()) {
            for (Object junk : List.of("not a date", true, List.of(1))) {
                String forged = SignedCookieValues.signedAt(Map.of("_session_expiry", junk, "visit", 5), SECRET_KEY,
                        Instant.now().getEpochSecond());
                for (String path : List.of("/", "/session", "/visit")) {
                    RawHttp.Answer answer = RawHttp.get(server.url(path), "Cookie: sessionid=" + forged);
                    assertEquals(200, answer.status(), junk + " on " + path);
                }
                // Read as no expiry of its own: the visit counts on, with SESSION_COOKIE_AGE.
                RawHttp.Answer visit = RawHttp.get(server.url("/visit"), "Cookie: sessionid=" + forged);
                assertEquals("Visit count:6", visit.body());
                assertTrue(visit.all("Set-Cookie").get(0).contains("Max-Age=1209600"), visit.headers().toString());
            }
        }
    }

    @Test
    void aCompressedValueWithItsDotAndColonsComesBackFromTheBrowserIntact() throws Exception {
        try (TestServer server = start(); WebClient browser = TestServer.browser()) {
            // Repetitive data compresses, and a compressed payload starts with '.'.
            String value = SignedCookieValues.signedAt(Map.of("visit", 1, "notes", "ab".repeat(200)), SECRET_KEY,
                    Instant.now().getEpochSecond());
            assertTrue(value.startsWith("."), value);
            browser.getCookieManager().addCookie(new Cookie("127.0.0.1", "sessionid", value));
            assertEquals("Visit count:2", visit(browser, server));
            assertTrue(browser.getCookieManager().getCookie("sessionid").getValue().startsWith("."));
            assertEquals("Visit count:3", visit(browser, server));
        }
    }

    @Test
    void curlKeepsAndSendsBackTheSignedValue(@TempDir Path folder) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
        try (TestServer server = start()) {
            Path jar = folder.resolve("cookies.txt");
            List<String> curl = List.of("/usr/bin/curl", "-s", "-c", jar.toString(), "-b", jar.toString(),
                    server.url("/visit"));
            assertEquals("Visit count:1", run(curl));
            assertEquals("Visit count:2", run(curl));
            assertEquals("Visit count:3", run(curl));
        }
    }

    @Test
    void aSessionTooLargeForACookieIsSentWithAWarningAsDjangoSendsIt() throws Exception {
        String letters = new Random(42).ints(6000, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        String large = SignedCookieValues.signedAt(Map.of("notes", letters), SECRET_KEY,
                Instant.now().getEpochSecond());
        try (TestServer server = start(); LogRecords log = LogRecords.of(SignedCookieSessionStore.class.getName())) {
            RawHttp.Answer answer = RawHttp.get(server.url("/"), "Cookie: sessionid=" + large);
            assertEquals("You have visited this page 1 time.", answer.visits());
            String setCookie = answer.all("Set-Cookie").get(0);
            assertTrue(setCookie.length() > 4096, setCookie.length() + " characters");
            assertEquals(1, log.all().size());
            assertTrue(answer.body().contains("TOO LARGE"), "the panel says so");
        }
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return output;
    }
}
