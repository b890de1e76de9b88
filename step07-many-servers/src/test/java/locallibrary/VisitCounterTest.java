package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/** Chapter 04's claims about the pages: MDN's home page and pythontutorial.net's /visit, counted in the session. */
class VisitCounterTest {

    @Test
    void theFirstVisitSaysOneTime() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            assertEquals("You have visited this page 1 time.", numVisits(browser.getPage(server.url("/"))));
        }
    }

    @Test
    void theSecondVisitSaysTwoTimes() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            browser.getPage(server.url("/"));
            assertEquals("You have visited this page 2 times.", numVisits(browser.getPage(server.url("/"))));
        }
    }

    @Test
    void theHomePageCountsTheCatalogInTheDatabase() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            assertEquals(List.of("Books: 5", "Copies: 9", "Copies available: 5", "Authors: 4"),
                    counts(browser.getPage(server.url("/"))));
            // One more copy, available: both copy counts follow the table.
            DatabaseSessionsTest.sql(server.databasePath(),
                    "INSERT INTO catalog_bookinstance (id, imprint, status, book_id)"
                    + " VALUES ('0123456789abcdef0123456789abcdef', 'Penguin Classics, 2003', 'a', 1)");
            assertEquals(List.of("Books: 5", "Copies: 10", "Copies available: 6", "Authors: 4"),
                    counts(browser.getPage(server.url("/"))));
        }
    }

    @Test
    void theSampleCatalogIsAddedOnlyOnce() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            browser.getPage(server.url("/"));
            server.restart();
            assertEquals(List.of("Books: 5", "Copies: 9", "Copies available: 5", "Authors: 4"),
                    counts(browser.getPage(server.url("/"))));
        }
    }

    @Test
    void visitCountsUnderItsOwnKey() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            Page first = browser.getPage(server.url("/visit"));
            assertEquals("Visit count:1", first.getWebResponse().getContentAsString());
            assertEquals("text/html; charset=utf-8", first.getWebResponse().getResponseHeaderValue("Content-Type"));
            Page second = browser.getPage(server.url("/visit"));
            assertEquals("Visit count:2", second.getWebResponse().getContentAsString());
            // The home page's own count starts at 1: the two live side by side in one session.
            HtmlPage home = browser.getPage(server.url("/"));
            assertEquals("You have visited this page 1 time.", numVisits(home));
            String notes = home.getElementById("notes").asNormalizedText();
            assertTrue(notes.contains("{\"visit\":2,\"num_visits\":1}"), notes);
            assertEquals("Visit count:3", browser.getPage(server.url("/visit")).getWebResponse().getContentAsString());
        }
    }

    @Test
    void theFaviconDoesNotCount() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            browser.getPage(server.url("/"));
            Page favicon = browser.getPage(server.url("/favicon.ico"));
            assertEquals(404, favicon.getWebResponse().getStatusCode());
            assertNull(favicon.getWebResponse().getResponseHeaderValue("Set-Cookie"));
            assertNull(favicon.getWebResponse().getResponseHeaderValue("Vary"));
            assertEquals("You have visited this page 2 times.", numVisits(browser.getPage(server.url("/"))));
        }
    }

    @Test
    void twoBrowsersCountIndependently() throws Exception {
        try (TestServer server = TestServer.start();
                WebClient alice = TestServer.browser();
                WebClient bob = TestServer.browser()) {
            alice.getPage(server.url("/"));
            alice.getPage(server.url("/"));
            alice.getPage(server.url("/visit"));
            assertEquals("You have visited this page 1 time.", numVisits(bob.getPage(server.url("/"))));
            assertEquals("Visit count:1", bob.getPage(server.url("/visit")).getWebResponse().getContentAsString());
            assertEquals("You have visited this page 3 times.", numVisits(alice.getPage(server.url("/"))));
            assertEquals("Visit count:2", alice.getPage(server.url("/visit")).getWebResponse().getContentAsString());
            assertNotEquals(alice.getCookieManager().getCookie("sessionid").getValue(),
                    bob.getCookieManager().getCookie("sessionid").getValue());
        }
    }

    @Test
    void thePanelSaysWhatTheMiddlewareDecided() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            String home = notes(browser.getPage(server.url("/")));
            assertTrue(home.contains("accessed\nyes: the view read or wrote the session"), home);
            assertTrue(home.contains("modified\nyes: the view changed the session"), home);
            assertTrue(home.contains("the view changed the session: saved it under key "), home);

            String peek = notes(browser.getPage(server.url("/visit/peek")));
            assertTrue(peek.contains("modified\nno: the view changed nothing in the session"), peek);
            assertTrue(peek.contains("the view only read the session: nothing saved, no cookie sent;"
                    + " the browser keeps the cookie it has; Vary: Cookie sent"), peek);

            String flush = notes(browser.getPage(server.url("/visit/flush")));
            assertTrue(flush.contains("the browser sent a session cookie, but the session is empty now: nothing saved,"
                    + " and the cookie is deleted"), flush);
        }
    }

    private static String numVisits(Object page) {
        return ((HtmlPage) page).getElementById("num-visits").asNormalizedText();
    }

    private static String notes(Object page) {
        return ((HtmlPage) page).getElementById("notes").asNormalizedText();
    }

    /** The items of the "Dynamic content" list, as text. */
    private static List<String> counts(Object page) {
        return ((HtmlPage) page).getByXPath("//main//ul/li").stream()
                .map(item -> ((DomNode) item).asNormalizedText()).toList();
    }
}
