package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/** Chapter 01's claims: the server's own counter cannot tell one browser from another. */
class HttpIsStatelessTest {

    @Test
    void twoBrowsersMoveTheSameCounter() throws Exception {
        try (TestServer server = TestServer.start();
                WebClient alice = TestServer.browser();
                WebClient bob = TestServer.browser()) {
            assertEquals("This page has been requested 1 time since the server started, by everyone.",
                    numRequests(alice.getPage(server.url("/"))));
            assertEquals("This page has been requested 2 times since the server started, by everyone.",
                    numRequests(bob.getPage(server.url("/"))));
            assertEquals("This page has been requested 3 times since the server started, by everyone.",
                    numRequests(alice.getPage(server.url("/"))));
        }
    }

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
    void aRestartResetsTheCounter() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            browser.getPage(server.url("/"));
            browser.getPage(server.url("/"));
            server.restart();
            assertEquals("This page has been requested 1 time since the server started, by everyone.",
                    numRequests(browser.getPage(server.url("/"))));
        }
    }

    @Test
    void unknownPathsAreAPlain404AndCountNothing() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            HtmlPage missing = browser.getPage(server.url("/favicon.ico"));
            assertEquals(404, missing.getWebResponse().getStatusCode());
            assertEquals("Not Found The requested resource was not found on this server.",
                    missing.asNormalizedText().replace("\n", " "));
            assertEquals("This page has been requested 1 time since the server started, by everyone.",
                    numRequests(browser.getPage(server.url("/"))));
        }
    }

    private static String numRequests(Object page) {
        return ((HtmlPage) page).getElementById("num-requests").asNormalizedText().replace("\n", " ");
    }
}
