package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.Cookie;
import org.junit.jupiter.api.Test;

/** Chapter 02's claims: a cookie carries a session key, and the server keeps each browser's data under it. */
class SessionCookieTest {

    /** Django's header, with the key and date left open: sessionid=<key>; expires=<date>; HttpOnly; ... */
    private static final Pattern DJANGO_COOKIE = Pattern.compile(
            "sessionid=([a-z0-9]{32}); expires=(\\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT); "
                    + "HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax");

    @Test
    void firstResponseSetsTheCookieExactlyAsDjangoWritesIt() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            HtmlPage page = browser.getPage(server.url("/"));
            String header = page.getWebResponse().getResponseHeaderValue("Set-Cookie");
            Matcher cookie = DJANGO_COOKIE.matcher(header);
            assertTrue(cookie.matches(), header);
            // expires is the response time plus Max-Age (two weeks), give or take the test's own seconds.
            ZonedDateTime expires = ZonedDateTime.parse(cookie.group(2), DateTimeFormatter.RFC_1123_DATE_TIME);
            long fromNow = expires.toEpochSecond() - System.currentTimeMillis() / 1000;
            assertTrue(Math.abs(fromNow - 1209600) <= 5, "expires is " + fromNow + " s from now");
            assertEquals("Cookie", page.getWebResponse().getResponseHeaderValue("Vary"));
            assertEquals("You have visited this page 1 time.", numVisits(page));
        }
    }

    @Test
    void secondVisitCountsTwoWithTheSameKey() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            HtmlPage first = browser.getPage(server.url("/"));
            HtmlPage second = browser.getPage(server.url("/"));
            assertEquals("You have visited this page 2 times.", numVisits(second));
            assertEquals(key(first), key(second));
            assertEquals("sessionid=" + key(first), second.getElementById("cookie-received").asNormalizedText());
        }
    }

    @Test
    void aSecondBrowserCountsFromOneWithAnotherKey() throws Exception {
        try (TestServer server = TestServer.start();
                WebClient alice = TestServer.browser();
                WebClient bob = TestServer.browser()) {
            HtmlPage aliceFirst = alice.getPage(server.url("/"));
            alice.getPage(server.url("/"));
            HtmlPage bobFirst = bob.getPage(server.url("/"));
            assertEquals("You have visited this page 1 time.", numVisits(bobFirst));
            assertNotEquals(key(aliceFirst), key(bobFirst));
            assertEquals("You have visited this page 3 times.", numVisits(alice.getPage(server.url("/"))));
        }
    }

    @Test
    void aKeyTheServerDoesNotKnowIsNeverAdopted() throws Exception {
        List<String> unknownKeys = List.of(
                "abcdefghijklmnopqrstuvwxyz012345", // well formed, but this server never made it
                "short", // too short to be a key
                "not a key at all!", // garbage
                "x".repeat(8 * 1024)); // 8 KB
        try (TestServer server = TestServer.start()) {
            for (String unknown : unknownKeys) {
                HttpResponse<String> response = get(server, "sessionid=" + unknown);
                assertEquals(200, response.statusCode());
                Matcher cookie = DJANGO_COOKIE.matcher(response.headers().firstValue("Set-Cookie").orElse(""));
                assertTrue(cookie.matches(), "a fresh key for " + unknown.substring(0, Math.min(20, unknown.length())));
                assertNotEquals(unknown, cookie.group(1));
                assertTrue(response.body().contains("You have visited this page 1 time."));
            }
        }
    }

    @Test
    void aBrowserWithCookiesDisabledStaysAtOne() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            browser.getCookieManager().setCookiesEnabled(false);
            for (int visit = 1; visit <= 3; visit++) {
                assertEquals("You have visited this page 1 time.", numVisits(browser.getPage(server.url("/"))));
            }
        }
    }

    @Test
    void aRestartKeepsEverySession() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            HtmlPage before = browser.getPage(server.url("/"));
            browser.getPage(server.url("/"));
            server.restart();
            // The browser still holds its cookie, and the database still holds the session.
            HtmlPage after = browser.getPage(server.url("/"));
            assertEquals("You have visited this page 3 times.", numVisits(after));
            assertEquals(key(before), key(after));
        }
    }

    @Test
    void aSecondServerOnTheSameDatabaseKnowsTheFirstServersSessions() throws Exception {
        // Both servers keep their sessions in the same database file.
        try (TestServer first = TestServer.start();
                TestServer second = TestServer.start(Map.of("DATABASE_PATH", first.databasePath().toString()));
                WebClient browser = TestServer.browser()) {
            HtmlPage atFirst = browser.getPage(first.url("/"));
            HtmlPage atSecond = browser.getPage(second.url("/"));
            assertEquals("sessionid=" + key(atFirst), atSecond.getElementById("cookie-received").asNormalizedText());
            assertEquals("You have visited this page 2 times.", numVisits(atSecond));
            assertEquals(key(atFirst), key(atSecond));
        }
    }

    @Test
    void thePanelExplainsTheDecision() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            browser.getPage(server.url("/"));
            HtmlPage second = browser.getPage(server.url("/"));
            String notes = second.getElementById("notes").asNormalizedText();
            assertTrue(notes.contains("a session this server knows"), notes);
            assertTrue(notes.contains("{\"num_visits\":2}"), notes);
            assertTrue(notes.contains("session_key: " + key(second)), notes);
            assertTrue(notes.contains("the view changed the session: saved it under key " + key(second)), notes);
            assertEquals(second.getWebResponse().getResponseHeaderValue("Set-Cookie"),
                    second.getElementById("set-cookie-sent").asNormalizedText());
        }
    }

    @Test
    void sessionCookieAgeSetsMaxAgeAndExpires() throws Exception {
        try (TestServer server = TestServer.start(Map.of("SESSION_COOKIE_AGE", "60"));
                WebClient browser = TestServer.browser()) {
            HtmlPage page = browser.getPage(server.url("/"));
            String header = page.getWebResponse().getResponseHeaderValue("Set-Cookie");
            assertTrue(header.matches(
                    "sessionid=[a-z0-9]{32}; expires=[^;]+ GMT; HttpOnly; Max-Age=60; Path=/; SameSite=Lax"),
                    header);
        }
    }

    @Test
    void unknownCookiesAreIgnored() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            browser.getCookieManager().addCookie(new Cookie("127.0.0.1", "csrftoken", "abc"));
            HtmlPage page = browser.getPage(server.url("/"));
            assertEquals("You have visited this page 1 time.", numVisits(page));
        }
    }

    private static HttpResponse<String> get(TestServer server, String cookieHeader) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url("/")))
                .header("Cookie", cookieHeader).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String numVisits(HtmlPage page) {
        return page.getElementById("num-visits").asNormalizedText();
    }

    /** The key the browser holds after this page. */
    private static String key(HtmlPage page) {
        Matcher cookie = DJANGO_COOKIE.matcher(page.getWebResponse().getResponseHeaderValue("Set-Cookie"));
        assertTrue(cookie.matches());
        return cookie.group(1);
    }
}
