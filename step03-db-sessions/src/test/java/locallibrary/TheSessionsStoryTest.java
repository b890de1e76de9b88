package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void aHugePathAndCookieAreToldInOneShortLine() throws Exception {
        try (TestServer server = TestServer.start()) {
            // Near the 1 MB a request's head may hold: the story once kept all of it, for each such request.
            String cookie = "Cookie: sessionid=" + "c".repeat(400_000);
            assertEquals(404, RawHttp.get(server.url("/x" + "a".repeat(400_000)), cookie).status());
            // A 404 has no panel: the next page, with the same cookie, tells both requests.
            String body = RawHttp.get(server.url("/"), cookie).body();
            int start = body.indexOf("1. GET /xaaaa");
            assertTrue(start >= 0, "the story tells the first request");
            String first = body.substring(start).split("[\\n<]", 2)[0];
            assertTrue(first.length() < 250 && first.endsWith("..."), first);
            assertTrue(body.contains("2. GET / | cookie received: cccccccc... | SAVED"), "and the second");
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
