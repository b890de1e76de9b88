package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real server with each SESSION_ENGINE: what a browser sees is the same (a counter that counts, a
 * flush that ends the session, a forged key that is refused); what differs is where the data lives, and
 * so what a restart or a copied cookie does.
 */
class SessionEnginesTest {

    @TempDir
    Path folder;

    /** The server with this engine; the file engine keeps its sessions in {@code folder} (the test's own). */
    static TestServer startWith(String engine, Path folder) {
        Map<String, String> settings = new HashMap<>();
        settings.put("SESSION_ENGINE", engine);
        if (engine.equals("file")) {
            settings.put("SESSION_FILE_PATH", folder.toString());
        }
        return TestServer.start(settings);
    }

    private static String visit(WebClient browser, TestServer server) throws IOException {
        return browser.getPage(server.url("/visit")).getWebResponse().getContentAsString();
    }

    @Test
    void settingsTakeDjangosFiveEngineNamesAndListThemWhenRefusingAnother() {
        for (String engine : List.of("db", "file", "cache", "cached_db", "signed_cookies")) {
            assertEquals(engine, Settings.load(Map.of("SESSION_ENGINE", engine)).SESSION_ENGINE);
        }
        ImproperlyConfigured error = assertThrows(ImproperlyConfigured.class,
                () -> Settings.load(Map.of("SESSION_ENGINE", "redis")));
        assertEquals("SESSION_ENGINE must be one of db, file, cache, cached_db, signed_cookies (got 'redis')",
                error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"db", "file", "cache", "cached_db", "signed_cookies"})
    void twoVisitsCountOneThenTwo(String engine) throws Exception {
        try (TestServer server = startWith(engine, folder); WebClient browser = TestServer.browser()) {
            HtmlPage first = browser.getPage(server.url("/"));
            assertEquals("You have visited this page 1 time.", first.getElementById("num-visits").asNormalizedText());
            HtmlPage second = browser.getPage(server.url("/"));
            assertEquals("You have visited this page 2 times.", second.getElementById("num-visits").asNormalizedText());
            assertEquals("Visit count:1", visit(browser, server));
            assertEquals("Visit count:2", visit(browser, server));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"db", "file", "cache", "cached_db", "signed_cookies"})
    void theCookieCarriesARandomKeyOrWithSignedCookiesTheDataItself(String engine) throws Exception {
        try (TestServer server = startWith(engine, folder); WebClient browser = TestServer.browser()) {
            visit(browser, server);
            String first = browser.getCookieManager().getCookie("sessionid").getValue();
            visit(browser, server);
            String second = browser.getCookieManager().getCookie("sessionid").getValue();
            if (engine.equals("signed_cookies")) {
                // payload:timestamp:signature, and a new value whenever the data changes.
                assertTrue(first.matches("[A-Za-z0-9_.-]+:[A-Za-z0-9]+:[A-Za-z0-9_-]+"), first);
                assertNotEquals(first, second);
            } else {
                assertTrue(first.matches("[a-z0-9]{32}"), first);
                assertEquals(first, second);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"db", "file", "cache", "cached_db", "signed_cookies"})
    void flushEndsTheSessionButOnlyTheServerSideEnginesCanRevokeACopiedCookie(String engine) throws Exception {
        try (TestServer server = startWith(engine, folder); WebClient browser = TestServer.browser()) {
            visit(browser, server);
            visit(browser, server);
            String copied = browser.getCookieManager().getCookie("sessionid").getValue();
            browser.getPage(server.url("/visit/flush"));
            assertNull(browser.getCookieManager().getCookie("sessionid"));
            assertEquals("Visit count:1", visit(browser, server));
            // Someone who copied the cookie before the flush sends it again.
            String replayed = RawHttp.get(server.url("/visit"), "Cookie: sessionid=" + copied).body();
            assertEquals(engine.equals("signed_cookies") ? "Visit count:3" : "Visit count:1", replayed);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"db", "file", "cache", "cached_db", "signed_cookies"})
    void cycleKeyKeepsTheDataUnderANewKey(String engine) throws Exception {
        try (TestServer server = startWith(engine, folder); WebClient browser = TestServer.browser()) {
            visit(browser, server);
            visit(browser, server);
            String before = browser.getCookieManager().getCookie("sessionid").getValue();
            WebRequest cycle = new WebRequest(URI.create(server.url("/session")).toURL(), HttpMethod.POST);
            cycle.setRequestParameters(List.of(new NameValuePair("action", "cycle_key")));
            browser.getPage(cycle);
            String after = browser.getCookieManager().getCookie("sessionid").getValue();
            assertEquals("Visit count:3", visit(browser, server));
            String replayed = RawHttp.get(server.url("/visit"), "Cookie: sessionid=" + before).body();
            if (engine.equals("signed_cookies")) {
                // Nothing to delete on the server: cycle_key only signs the data again, and the old value stays
                // valid (it is even the same value when the data and the second of signing are the same).
                assertEquals("Visit count:3", replayed);
            } else {
                assertNotEquals(before, after);
                assertTrue(after.matches("[a-z0-9]{32}"), after);
                // The old key was deleted: whoever learnt it before has nothing.
                assertEquals("Visit count:1", replayed);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"db", "file", "cache", "cached_db", "signed_cookies"})
    void aRestartForgetsTheSessionsOnlyWithTheCacheEngine(String engine) throws Exception {
        try (TestServer server = startWith(engine, folder); WebClient browser = TestServer.browser()) {
            visit(browser, server);
            visit(browser, server);
            server.restart();
            assertEquals(engine.equals("cache") ? "Visit count:1" : "Visit count:3", visit(browser, server));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"db", "file", "cache", "cached_db", "signed_cookies"})
    void aKeyTheServerDidNotMakeIsNeverAdopted(String engine) throws Exception {
        try (TestServer server = startWith(engine, folder)) {
            for (String forged : new String[] {"forgedkeyforgedkey00000000000000", "../../etc/passwd",
                    "..%2F..%2Fetc%2Fpasswd",
                    "eyJ2aXNpdCI6OTl9:1vNYyu:notavalidsignature"}) {
                RawHttp.Answer answer = RawHttp.get(server.url("/visit"), "Cookie: sessionid=" + forged);
                assertEquals("Visit count:1", answer.body(), forged);
                assertNotEquals(forged, answer.newKey());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"db", "file", "cache", "cached_db", "signed_cookies"})
    void thePanelShowsWhereTheEngineKeepsTheSession(String engine) throws Exception {
        String expected = switch (engine) {
            case "db" -> "session_data: ";
            case "file" -> "content decoded: {\"num_visits\":1} (signature valid)";
            case "cache" -> "cache key: django.contrib.sessions.cache";
            case "cached_db" -> "in the cache: yes, under django.contrib.sessions.cached_db";
            default -> "server-side storage: none: the data travels in the cookie";
        };
        try (TestServer server = startWith(engine, folder); WebClient browser = TestServer.browser()) {
            HtmlPage home = browser.getPage(server.url("/"));
            String notes = home.getElementById("notes").asNormalizedText();
            assertTrue(notes.contains(expected), notes);
        }
    }
}
