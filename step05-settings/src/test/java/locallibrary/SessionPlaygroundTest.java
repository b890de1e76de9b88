package locallibrary;

import static locallibrary.CookieSettingsTest.assertAbout;
import static locallibrary.CookieSettingsTest.assertMatches;
import static locallibrary.CookieSettingsTest.rowExpiresIn;
import static locallibrary.CookieSettingsTest.setCookie;
import static locallibrary.CookieSettingsTest.setCookies;
import static locallibrary.MyCarGotchaTest.press;
import static locallibrary.MyCarGotchaTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/** The /session playground: each action, and what it does to the cookie and the stored row. */
class SessionPlaygroundTest {

    private static final String KEY = "([a-z0-9]{32})";
    private static final String EXPIRES = "expires=\\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT";

    @Test
    void setAndDeleteAKey() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            HtmlPage set = set(browser.getPage(server.url("/session")), "color", "blue");
            assertEquals("This request did: request.session['color'] = 'blue'", text(set, "did"));
            assertTrue(items(set).contains("color \"blue\""), text(set, "items"));
            assertEquals(1, setCookies(set).size());
            HtmlPage deleted = set(set, "color", null);
            assertEquals("This request did: del request.session['color']", text(deleted, "did"));
            assertTrue(items(deleted).contains("(the session is empty)"));
            HtmlPage missing = set(deleted, "color", null);
            assertEquals("This request did: refused: KeyError: 'color'", text(missing, "did"));
            assertEquals(List.of(), setCookies(missing));
        }
    }

    @Test
    void keysOfDjangosOwnAreRefused() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            HtmlPage refused = set(browser.getPage(server.url("/session")), "_session_expiry", "soon");
            assertTrue(text(refused, "did")
                    .startsWith("This request did: refused: a key must not be empty nor start with _"));
        }
    }

    @Test
    void flushDeletesTheRowAndTheCookie() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            HtmlPage set = set(browser.getPage(server.url("/session")), "color", "blue");
            String key = assertMatches("sessionid=" + KEY + ";.*", setCookie(set)).group(1);
            HtmlPage flushed = press(set, "flush");
            assertEquals("sessionid=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax",
                    setCookie(flushed));
            assertNull(DatabaseSessionsTest.row(server.databasePath(), key));
        }
    }

    @Test
    void cycleKeyMovesTheDataToANewKey() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            HtmlPage set = set(browser.getPage(server.url("/session")), "color", "blue");
            String oldKey = assertMatches("sessionid=" + KEY + ";.*", setCookie(set)).group(1);
            HtmlPage cycled = press(set, "cycle_key");
            String newKey = assertMatches("sessionid=" + KEY + ";.*", setCookie(cycled)).group(1);
            assertNotEquals(oldKey, newKey);
            assertTrue(items(cycled).contains("color \"blue\""));
            assertNull(DatabaseSessionsTest.row(server.databasePath(), oldKey));
            assertEquals(1, DatabaseSessionsTest.rowCount(server.databasePath()));
        }
    }

    @Test
    void setExpiryInSecondsIsTheCookiesMaxAgeAndTheRowsLifetime() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            HtmlPage page = expiry(browser.getPage(server.url("/session")), "expiry_seconds", "300");
            String key = assertMatches(
                    "sessionid=" + KEY + "; " + EXPIRES + "; HttpOnly; Max-Age=300; Path=/; SameSite=Lax",
                    setCookie(page)).group(1);
            assertEquals("300", text(page, "expiry-age"));
            assertEquals("false", text(page, "expire-at-browser-close"));
            assertTrue(items(page).contains("_session_expiry 300"), items(page));
            assertAbout(300, rowExpiresIn(server, key));
        }
    }

    @Test
    void setExpiryZeroSendsABrowserSessionCookie() throws Exception {
        try (TestServer server = TestServer.start(Map.of("SESSION_COOKIE_AGE", "600"));
                WebClient browser = TestServer.browser()) {
            HtmlPage page = press(browser.getPage(server.url("/session")), "expiry_browser_close");
            String key = assertMatches("sessionid=" + KEY + "; HttpOnly; Path=/; SameSite=Lax", setCookie(page))
                    .group(1);
            assertEquals("true", text(page, "expire-at-browser-close"));
            assertEquals("600", text(page, "expiry-age"));
            assertAbout(600, rowExpiresIn(server, key));
        }
    }

    @Test
    void setExpiryToAMomentIsAFixedDate() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            HtmlPage page = expiry(browser.getPage(server.url("/session")), "expiry_moment", "900");
            String key = assertMatches(
                    "sessionid=" + KEY + "; " + EXPIRES + "; HttpOnly; Max-Age=(899|900); Path=/; SameSite=Lax",
                    setCookie(page)).group(1);
            assertTrue(items(page).matches("(?s).*_session_expiry \"\\d{4}-\\d\\d-\\d\\dT.*\\+00:00.*"), items(page));
            assertAbout(900, rowExpiresIn(server, key));
        }
    }

    @Test
    void setExpiryNoneGoesBackToTheSettings() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            HtmlPage page = press(expiry(browser.getPage(server.url("/session")), "expiry_seconds", "300"),
                    "expiry_none");
            assertMatches("sessionid=" + KEY + "; " + EXPIRES + "; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax",
                    setCookie(page));
            assertEquals("1209600", text(page, "expiry-age"));
        }
    }

    @Test
    void badSecondsGetAClearMessage() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            HtmlPage page = expiry(browser.getPage(server.url("/session")), "expiry_seconds", "soon");
            assertEquals(200, page.getWebResponse().getStatusCode());
            assertEquals("This request did: refused: seconds must be a whole number, like 60 (got 'soon')",
                    text(page, "did"));
        }
    }

    @Test
    void thePanelShowsTheCookieAttributesAndTheSettingsTheyComeFrom() throws Exception {
        try (TestServer server = TestServer.start(Map.of("SESSION_COOKIE_SAMESITE", "Strict"));
                WebClient browser = TestServer.browser()) {
            String notes = text(set(browser.getPage(server.url("/session")), "color", "blue"), "notes");
            assertTrue(notes.contains("Max-Age=1209600 and expires: get_expiry_age() (SESSION_COOKIE_AGE)"), notes);
            assertTrue(notes.contains("SameSite: Strict (SESSION_COOKIE_SAMESITE)"), notes);
            assertTrue(notes.contains("HttpOnly: yes (SESSION_COOKIE_HTTPONLY)"), notes);
        }
    }

    /** The table of keys, a row a line, "key value". */
    static String items(HtmlPage page) {
        return text(page, "items").replace('\t', ' ');
    }

    /** Fills key (and value) and presses set, or delete when value is null. */
    static HtmlPage set(HtmlPage page, String key, String value) throws Exception {
        ((HtmlInput) page.getFirstByXPath("//input[@name='key']")).setValue(key);
        if (value != null) {
            ((HtmlInput) page.getFirstByXPath("//input[@name='value']")).setValue(value);
        }
        return press(page, value == null ? "delete" : "set");
    }

    private static HtmlPage expiry(HtmlPage page, String action, String seconds) throws Exception {
        ((HtmlInput) page.getFirstByXPath("//input[@name='seconds']")).setValue(seconds);
        return press(page, action);
    }
}
