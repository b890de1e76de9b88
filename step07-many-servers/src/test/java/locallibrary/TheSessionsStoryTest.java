package locallibrary;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.Cookie;
import org.junit.jupiter.api.Test;

/** The panel tells this session's story: its requests on this server, cookie, key and decision over time. */
class TheSessionsStoryTest {

    @Test
    void theStoryListsEachRequestFromTheOneThatCreatedTheSession() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            browser.getPage(server.url("/"));
            String key = sessionKey(browser);
            HtmlPage second = browser.getPage(server.url("/"));
            String story = second.getElementById("notes").asNormalizedText();
            assertTrue(story.contains("1. GET / | cookie received: none | SAVED | key now " + key.substring(0, 8)),
                    story);
            assertTrue(story.contains("2. GET / | cookie received: " + key.substring(0, 8) + "... | SAVED"), story);
        }
    }

    @Test
    void aForgedKeyStartsAStoryUnderTheNewKey() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            String forged = "forgedkey0123456789abcdefghijklm";
            browser.getCookieManager().addCookie(new Cookie("127.0.0.1", "sessionid", forged));
            HtmlPage page = browser.getPage(server.url("/"));
            String key = sessionKey(browser);
            assertNotEquals(forged, key);
            String story = page.getElementById("notes").asNormalizedText();
            assertTrue(story.contains("1. GET / | cookie received: forgedke... | SAVED | key now "
                    + key.substring(0, 8)), story);
        }
    }

    private static String sessionKey(WebClient browser) {
        for (Cookie cookie : browser.getCookieManager().getCookies()) {
            if (cookie.getName().equals("sessionid")) {
                return cookie.getValue();
            }
        }
        throw new AssertionError("no session cookie");
    }
}
