package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/** Chapter 01's claims that still hold once the home page is MDN's: the panel, and a plain 404. */
class HttpIsStatelessTest {

    @Test
    void thePanelShowsTheRequestAsReceived() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            HtmlPage page = browser.getPage(server.url("/?q=1"));
            String received = page.getElementById("request-received").asNormalizedText();
            assertTrue(received.startsWith("GET /?q=1 HTTP/1.1"), received);
            assertTrue(received.contains("Host: 127.0.0.1:"), received);
        }
    }

    @Test
    void unknownPathsAreAPlain404AndCountNothing() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            HtmlPage missing = browser.getPage(server.url("/favicon.ico"));
            assertEquals(404, missing.getWebResponse().getStatusCode());
            assertEquals("Not Found The requested resource was not found on this server.",
                    missing.asNormalizedText().replace("\n", " "));
            assertEquals("You have visited this page 1 time.", numVisits(browser.getPage(server.url("/"))));
        }
    }

    private static String numVisits(Object page) {
        return ((HtmlPage) page).getElementById("num-visits").asNormalizedText();
    }
}
