package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.Cookie;
import org.htmlunit.util.NameValuePair;
import org.junit.jupiter.api.Test;

/**
 * Chapter 05's settings table, one setting per test: each changes the Set-Cookie header (compared, to the
 * character, with the form real Django 3.2 sends, ../shared/reference/django-headers.md) or what is stored.
 */
class CookieSettingsTest {

    /** name=<32-character key>; expires=<RFC 1123 date>; then the attributes under test. */
    private static final String KEY = "([a-z0-9]{32})";
    private static final String EXPIRES = "expires=(\\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT)";

    @Test
    void sessionCookieNameNamesTheCookie() throws Exception {
        try (TestServer server = TestServer.start(Map.of("SESSION_COOKIE_NAME", "libsession"));
                WebClient browser = TestServer.browser()) {
            String header = setCookie(browser.getPage(server.url("/visit")));
            assertMatches("libsession=" + KEY + "; " + EXPIRES + "; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax",
                    header);
            // The browser sends it back under that name, and the server reads that name.
            assertEquals("Visit count:2", browser.getPage(server.url("/visit")).getWebResponse().getContentAsString());
        }
    }

    @Test
    void sessionCookieAgeIsTheCookiesMaxAgeAndTheRowsLifetime() throws Exception {
        try (TestServer server = TestServer.start(Map.of("SESSION_COOKIE_AGE", "60"));
                WebClient browser = TestServer.browser()) {
            Matcher cookie = assertMatches(
                    "sessionid=" + KEY + "; " + EXPIRES + "; HttpOnly; Max-Age=60; Path=/; SameSite=Lax",
                    setCookie(browser.getPage(server.url("/visit"))));
            long expires = ZonedDateTime.parse(cookie.group(2), DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
            assertAbout(60, expires - Instant.now().getEpochSecond());
            assertAbout(60, rowExpiresIn(server, cookie.group(1)));
        }
    }

    @Test
    void sessionCookieDomainAddsTheDomainAttribute() throws Exception {
        try (TestServer server = TestServer.start(Map.of("SESSION_COOKIE_DOMAIN", "localhost"));
                WebClient browser = TestServer.browser()) {
            assertMatches("sessionid=" + KEY + "; Domain=localhost; " + EXPIRES
                    + "; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax",
                    setCookie(browser.getPage(server.url("/visit"))));
        }
    }

    @Test
    void sessionCookiePathLimitsWhereTheBrowserSendsTheCookie() throws Exception {
        try (TestServer server = TestServer.start(Map.of("SESSION_COOKIE_PATH", "/visit"));
                WebClient browser = TestServer.browser()) {
            assertMatches(
                    "sessionid=" + KEY + "; " + EXPIRES + "; HttpOnly; Max-Age=1209600; Path=/visit; SameSite=Lax",
                    setCookie(browser.getPage(server.url("/visit"))));
            assertEquals("Visit count:2", browser.getPage(server.url("/visit")).getWebResponse().getContentAsString());
            // The home page is outside /visit: the browser does not send the cookie there.
            HtmlPage home = browser.getPage(server.url("/"));
            assertEquals("(none)", home.getElementById("cookie-received").asNormalizedText());
            // The deletion names the same path, or the browser would keep the cookie.
            assertEquals(List.of(
                    "sessionid=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/visit; SameSite=Lax"),
                    setCookies(browser.getPage(server.url("/visit/flush"))));
        }
    }

    @Test
    void sessionCookieHttponlyFalseLeavesTheAttributeOut() throws Exception {
        try (TestServer server = TestServer.start(Map.of("SESSION_COOKIE_HTTPONLY", "false"));
                WebClient browser = TestServer.browser()) {
            assertMatches("sessionid=" + KEY + "; " + EXPIRES + "; Max-Age=1209600; Path=/; SameSite=Lax",
                    setCookie(browser.getPage(server.url("/visit"))));
            assertFalse(browser.getCookieManager().getCookie("sessionid").isHttpOnly());
        }
    }

    @Test
    void sessionCookieSecureAddsTheSecureAttribute() throws Exception {
        try (TestServer server = TestServer.start(Map.of("SESSION_COOKIE_SECURE", "true"));
                WebClient browser = TestServer.browser()) {
            assertMatches(
                    "sessionid=" + KEY + "; " + EXPIRES + "; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax; Secure",
                    setCookie(browser.getPage(server.url("/visit"))));
            // Kept, but a browser sends it back over HTTPS only: this server is plain http.
            assertTrue(browser.getCookieManager().getCookie("sessionid").isSecure());
        }
    }

    @Test
    void sessionCookieSamesiteStrictNoneAndOff() throws Exception {
        // Written as the setting spells it, as Django does (browsers ignore the case).
        Map<String, String> endings = Map.of("Strict", "; Path=/; SameSite=Strict", "None", "; Path=/; SameSite=None",
                "strict", "; Path=/; SameSite=strict", "off", "; Path=/");
        for (Map.Entry<String, String> setting : endings.entrySet()) {
            try (TestServer server = TestServer.start(Map.of("SESSION_COOKIE_SAMESITE", setting.getKey()));
                    WebClient browser = TestServer.browser()) {
                assertMatches("sessionid=" + KEY + "; " + EXPIRES + "; HttpOnly; Max-Age=1209600" + setting.getValue(),
                        setCookie(browser.getPage(server.url("/visit"))));
            }
        }
    }

    @Test
    void theDeletionCarriesDomainPathAndSamesiteButNeitherHttponlyNorSecure() throws Exception {
        try (TestServer server = TestServer.start(Map.of("SESSION_COOKIE_DOMAIN", "localhost",
                "SESSION_COOKIE_SAMESITE", "Strict", "SESSION_COOKIE_SECURE", "true"))) {
            String key = keyIn(get(server, "/visit", null));
            HttpResponse<String> flush = get(server, "/visit/flush", "sessionid=" + key);
            assertEquals(List.of("sessionid=\"\"; Domain=localhost; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0;"
                    + " Path=/; SameSite=Strict"), flush.headers().allValues("Set-Cookie"));
        }
    }

    @Test
    void sessionExpireAtBrowserCloseSendsABrowserSessionCookieButTheRowStillExpires() throws Exception {
        try (TestServer server = TestServer.start(Map.of("SESSION_EXPIRE_AT_BROWSER_CLOSE", "true"));
                WebClient browser = TestServer.browser()) {
            Matcher cookie = assertMatches("sessionid=" + KEY + "; HttpOnly; Path=/; SameSite=Lax",
                    setCookie(browser.getPage(server.url("/visit"))));
            Cookie kept = browser.getCookieManager().getCookie("sessionid");
            assertNull(kept.getExpires());
            // The server cannot know when the browser closes: the row expires after SESSION_COOKIE_AGE as always.
            assertAbout(1209600, rowExpiresIn(server, cookie.group(1)));
        }
    }

    @Test
    void sessionSaveEveryRequestSavesAReadOnlyViewAndSlidesTheExpiry() throws Exception {
        try (TestServer server = TestServer.start(Map.of("SESSION_SAVE_EVERY_REQUEST", "true"))) {
            String key = keyIn(get(server, "/visit", null));
            Map<String, String> before = DatabaseSessionsTest.row(server.databasePath(), key);
            HttpResponse<String> peek = get(server, "/session/peek", "sessionid=" + key);
            assertTrue(peek.body().contains("{&quot;visit&quot;:1} (read, not changed)"), peek.body());
            assertEquals(key, keyIn(peek));
            assertMatches("sessionid=" + key + "; " + EXPIRES + "; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax",
                    peek.headers().firstValue("Set-Cookie").orElseThrow());
            assertTrue(peek.body().contains("SESSION_SAVE_EVERY_REQUEST is on"), "the panel says why");
            Map<String, String> after = DatabaseSessionsTest.row(server.databasePath(), key);
            assertTrue(after.get("expire_date").compareTo(before.get("expire_date")) > 0, before + " then " + after);
        }
    }

    @Test
    void sessionSaveEveryRequestLoadsAndSavesEvenWhenTheViewNeverTouchesTheSession() throws Exception {
        try (TestServer server = TestServer.start(Map.of("SESSION_SAVE_EVERY_REQUEST", "true"))) {
            String key = keyIn(get(server, "/visit", null));
            Map<String, String> before = DatabaseSessionsTest.row(server.databasePath(), key);
            HttpResponse<String> favicon = get(server, "/favicon.ico", "sessionid=" + key);
            assertEquals(404, favicon.statusCode());
            assertEquals(key, keyIn(favicon));
            // No Vary: the view did not use the session; the middleware did.
            assertEquals(Optional.empty(), favicon.headers().firstValue("Vary"));
            Map<String, String> after = DatabaseSessionsTest.row(server.databasePath(), key);
            assertEquals(before.get("session_data").split(":")[0], after.get("session_data").split(":")[0]);
            assertTrue(after.get("expire_date").compareTo(before.get("expire_date")) > 0, before + " then " + after);
        }
    }

    @Test
    void byDefaultAReadOnlyViewSavesNothing() throws Exception {
        try (TestServer server = TestServer.start()) {
            String key = keyIn(get(server, "/visit", null));
            Map<String, String> before = DatabaseSessionsTest.row(server.databasePath(), key);
            HttpResponse<String> peek = get(server, "/session/peek", "sessionid=" + key);
            assertEquals(Optional.empty(), peek.headers().firstValue("Set-Cookie"));
            assertEquals(before, DatabaseSessionsTest.row(server.databasePath(), key));
        }
    }

    @Test
    void aCookieAgeOfZeroStartsAndSendsMaxAgeZeroAsDjangoDoes() throws Exception {
        // Django accepts SESSION_COOKIE_AGE=0 (its own file-engine clearsessions test runs with it).
        try (TestServer server = TestServer.start(Map.of("SESSION_COOKIE_AGE", "0"))) {
            String cookie = get(server, "/visit", null).headers().firstValue("Set-Cookie").orElse("");
            assertTrue(cookie.contains("; Max-Age=0;"), cookie);
        }
    }

    @Test
    void theBannerListsTheSettingsThatDifferFromDjangosDefaults() {
        Settings settings = Settings.load(Map.of("SESSION_COOKIE_AGE", "60", "SESSION_COOKIE_SAMESITE", "Strict",
                "SESSION_COOKIE_PATH", "/", "SESSION_SAVE_EVERY_REQUEST", "true"));
        List<String> changed = settings.changedFromDjangosDefaults();
        assertTrue(changed.contains("SESSION_COOKIE_AGE=60"), changed.toString());
        assertTrue(changed.contains("SESSION_COOKIE_SAMESITE=Strict"), changed.toString());
        assertTrue(changed.contains("SESSION_SAVE_EVERY_REQUEST=true"), changed.toString());
        // The default value, even when written out, is not a change.
        assertFalse(changed.stream().anyMatch(line -> line.startsWith("SESSION_COOKIE_PATH")), changed.toString());
        assertNotEquals(List.of(), changed);
        assertEquals(List.of(), Settings.load().changedFromDjangosDefaults());
    }

    /** The key in a response's Set-Cookie header. */
    static String keyIn(HttpResponse<String> response) {
        String header = response.headers().firstValue("Set-Cookie").orElse("");
        return assertMatches("sessionid=" + KEY + ";.*", header).group(1);
    }

    static Matcher assertMatches(String regex, String actual) {
        Matcher matcher = Pattern.compile(regex).matcher(actual);
        assertTrue(matcher.matches(), "expected the form " + regex + "\nbut got " + actual);
        return matcher;
    }

    /** The one Set-Cookie line of a response. */
    static String setCookie(Page page) {
        List<String> lines = setCookies(page);
        assertEquals(1, lines.size(), lines.toString());
        return lines.get(0);
    }

    static List<String> setCookies(Page page) {
        return page.getWebResponse().getResponseHeaders().stream()
                .filter(header -> header.getName().equalsIgnoreCase("Set-Cookie"))
                .map(NameValuePair::getValue).toList();
    }

    /** Seconds from now until the row's expire_date. */
    static long rowExpiresIn(TestServer server, String key) throws Exception {
        String expireDate = DatabaseSessionsTest.row(server.databasePath(), key).get("expire_date");
        Instant expires = LocalDateTime.parse(expireDate.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        return expires.getEpochSecond() - Instant.now().getEpochSecond();
    }

    /** Equal give or take the test's own few seconds. */
    static void assertAbout(long expected, long actual) {
        assertTrue(Math.abs(expected - actual) <= 5, "expected about " + expected + ", got " + actual);
    }

    static HttpResponse<String> get(TestServer server, String path, String cookieHeader) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path)));
        if (cookieHeader != null) {
            request.header("Cookie", cookieHeader);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
