package locallibrary;

import static locallibrary.MyCarGotchaTest.text;
import static locallibrary.SessionPlaygroundTest.items;
import static locallibrary.SessionPlaygroundTest.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/**
 * The playground stores text under any key, also under the keys the views count with. Such a page answers
 * 400 with one sentence that names the key, the type it found and the fix, not a 500; the session is kept.
 */
class ValuesOfAnotherTypeTest {

    @Test
    void textUnderNumVisitsGetsA400ThatSaysHowToFixIt() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            set(browser.getPage(server.url("/session")), "num_visits", "7");
            Page home = browser.getPage(server.url("/"));
            assertEquals(400, home.getWebResponse().getStatusCode());
            assertTrue(home.getWebResponse().getContentAsString().contains("The session's num_visits holds a str"
                    + " where this page needs an int: delete num_visits at /session, then come back."),
                    home.getWebResponse().getContentAsString());
            // Nothing is lost: the value is still there to be seen and deleted, and then the page counts again.
            HtmlPage playground = browser.getPage(server.url("/session"));
            assertTrue(items(playground).contains("num_visits \"7\""), items(playground));
            set(playground, "num_visits", null);
            HtmlPage counted = browser.getPage(server.url("/"));
            assertEquals(200, counted.getWebResponse().getStatusCode());
            assertTrue(counted.asNormalizedText().contains("You have visited this page 1 time"),
                    counted.asNormalizedText());
        }
    }

    @Test
    void textUnderVisitGetsA400OnVisitAndOnPeek() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            set(browser.getPage(server.url("/session")), "visit", "seven");
            for (String path : new String[] {"/visit", "/visit/peek"}) {
                Page page = browser.getPage(server.url(path));
                assertEquals(400, page.getWebResponse().getStatusCode(), path);
                assertTrue(page.getWebResponse().getContentAsString().contains(
                        "The session's visit holds a str where this page needs an int"), path);
            }
            assertTrue(items(browser.getPage(server.url("/session"))).contains("visit \"seven\""));
        }
    }

    @Test
    void textUnderMyCarGetsA400OnTheCarPage() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            set(browser.getPage(server.url("/session")), "my_car", "red");
            Page car = browser.getPage(server.url("/car"));
            assertEquals(400, car.getWebResponse().getStatusCode());
            assertTrue(car.getWebResponse().getContentAsString().contains(
                    "The session's my_car holds a str where this page needs a dict: delete my_car at /session"));
            HtmlPage playground = browser.getPage(server.url("/session"));
            assertTrue(items(playground).contains("my_car \"red\""), items(playground));
            // Deleted, my_car can be set again as MDN's example does.
            set(playground, "my_car", null);
            HtmlPage set = MyCarGotchaTest.press(browser.getPage(server.url("/car")), "set");
            assertEquals("{\"wheels\":\"steel\"}", text(set, "now"));
        }
    }
}
