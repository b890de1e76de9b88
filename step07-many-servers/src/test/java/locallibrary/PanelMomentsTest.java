package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.Cookie;
import org.junit.jupiter.api.Test;

/** The "Under the hood" panel names the moments the chapters point at. */
class PanelMomentsTest {

    /** The text of the panel's "What the server did" notes. */
    private static String notes(HtmlPage page) {
        return page.getElementById("notes").asNormalizedText();
    }

    private static String sessionKey(WebClient browser) {
        for (Cookie cookie : browser.getCookieManager().getCookies()) {
            if (cookie.getName().equals("sessionid")) {
                return cookie.getValue();
            }
        }
        throw new AssertionError("no session cookie");
    }

    @Test
    void whatTheServerDidComesBeforeTheFoldedRequest() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            HtmlPage page = browser.getPage(server.url("/"));
            String panel = page.getElementById("under-the-hood").asXml();
            assertTrue(panel.indexOf("What the server did") < panel.indexOf("<details"), panel);
            assertTrue(page.getElementById("request-received").getParentNode().getNodeName().equals("details"));
        }
    }

    @Test
    void aTamperedSignatureIsNamed() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            browser.getPage(server.url("/"));
            String key = sessionKey(browser);
            DatabaseSessionsTest.sql(server.databasePath(), "UPDATE django_session SET session_data = 'x'"
                    + " || session_data WHERE session_key = '" + key + "'");
            String notes = notes(browser.getPage(server.url("/")));
            assertTrue(notes.contains("failed its signature check"), notes);
            assertTrue(!notes.contains("a session this server knows"), notes);
        }
    }

    @Test
    void anExpiredSessionIsNamed() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            browser.getPage(server.url("/"));
            DatabaseSessionsTest.sql(server.databasePath(), "UPDATE django_session SET expire_date = '2000-01-01'");
            String notes = notes(browser.getPage(server.url("/")));
            assertTrue(notes.contains("has expired: a new, empty session"), notes);
        }
    }

    @Test
    void cachedDbMissesTheCacheRightAfterARestart() throws Exception {
        try (TestServer server = TestServer.start(Map.of("SESSION_ENGINE", "cached_db"));
                WebClient browser = TestServer.browser()) {
            browser.getPage(server.url("/"));
            assertTrue(notes(browser.getPage(server.url("/"))).contains("from the cache: the database was not asked"));
            server.restart();
            String notes = notes(browser.getPage(server.url("/")));
            assertTrue(notes.contains("not in the cache (right after a restart, for one)"), notes);
            assertTrue(notes(browser.getPage(server.url("/"))).contains("from the cache"));
        }
    }

    @Test
    void signedCookiesSayTheCookieIsTheSession() throws Exception {
        try (TestServer server = TestServer.start(Map.of("SESSION_ENGINE", "signed_cookies"));
                WebClient browser = TestServer.browser()) {
            String notes = notes(browser.getPage(server.url("/")));
            assertTrue(notes.contains("the cookie's value IS the session"), notes);
        }
    }

    @Test
    void theCrashPageShowsThePanelAndThatNothingWasSaved() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            browser.getPage(server.url("/visit"));
            HtmlPage page = browser.getPage(server.url("/visit/crash"));
            assertEquals(500, page.getWebResponse().getStatusCode());
            assertTrue(page.asNormalizedText().startsWith("Server Error (500)"));
            String notes = notes(page);
            assertTrue(notes.contains("the response is a server error (500), after the view changed the session:"
                    + " nothing saved, no cookie sent"), notes);
        }
    }

    @Test
    void theStoryFollowsTheSessionAcrossAKeyChange() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            browser.getPage(server.url("/"));
            String first = sessionKey(browser);
            browser.getPage(server.url("/"));
            HtmlPage cycled = browser.getPage(server.url("/session"));
            cycled = cycled.<org.htmlunit.html.HtmlButton>getFirstByXPath("//button[@value='cycle_key']").click();
            String second = sessionKey(browser);
            assertTrue(!first.equals(second));
            String story = notes(cycled);
            assertTrue(story.contains("1. GET / | cookie received: none | SAVED | key now " + first.substring(0, 8)),
                    story);
            assertTrue(story.contains("POST /session | cookie received: " + first.substring(0, 8) + "... | SAVED"
                    + " | key now " + second.substring(0, 8)), story);
            assertTrue(story.contains("Set-Cookie: sessionid=" + second.substring(0, 8)), story);
        }
    }

    @Test
    void pagesShowSessionDataAsTheStoredJson() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            browser.getPage(server.url("/visit"));
            String peek = browser.getPage(server.url("/session/peek")).getWebResponse().getContentAsString();
            assertTrue(peek.contains("Your session holds {&quot;visit&quot;:1}")
                    || peek.contains("Your session holds {\"visit\":1}"), peek);
        }
    }
}
