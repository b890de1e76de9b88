package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/**
 * MDN's "Saving session data", on the /car page: a change inside the stored map my_car is lost, unless
 * the view marks the session modified or SESSION_SAVE_EVERY_REQUEST is on.
 */
class MyCarGotchaTest {

    @Test
    void changingWheelsInsideMyCarIsLostOnTheNextRequest() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            HtmlPage set = press(browser.getPage(server.url("/car")), "set");
            assertEquals(1, CookieSettingsTest.setCookies(set).size());
            HtmlPage changed = press(set, "change");
            assertEquals("{\"wheels\":\"steel\"}", text(changed, "loaded"));
            assertEquals("{\"wheels\":\"alloy\"}", text(changed, "now"));
            assertTrue(text(changed, "modified").startsWith("no"));
            // modified is false: nothing saved, no cookie sent.
            assertEquals(List.of(), CookieSettingsTest.setCookies(changed));
            assertEquals("{\"wheels\":\"steel\"}", text(browser.getPage(server.url("/car")), "loaded"));
        }
    }

    @Test
    void markingTheSessionModifiedKeepsTheChange() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            HtmlPage changed = press(press(browser.getPage(server.url("/car")), "set"), "change-and-mark");
            assertTrue(text(changed, "modified").startsWith("yes"));
            assertEquals(1, CookieSettingsTest.setCookies(changed).size());
            assertEquals("{\"wheels\":\"alloy\"}", text(browser.getPage(server.url("/car")), "loaded"));
        }
    }

    @Test
    void sessionSaveEveryRequestKeepsTheChangeWithoutMarking() throws Exception {
        try (TestServer server = TestServer.start(Map.of("SESSION_SAVE_EVERY_REQUEST", "true"));
                WebClient browser = TestServer.browser()) {
            HtmlPage changed = press(press(browser.getPage(server.url("/car")), "set"), "change");
            assertTrue(text(changed, "modified").startsWith("no"));
            assertEquals(1, CookieSettingsTest.setCookies(changed).size());
            assertEquals("{\"wheels\":\"alloy\"}", text(browser.getPage(server.url("/car")), "loaded"));
        }
    }

    /** Submits the form of the button with this value, as a click does. */
    static HtmlPage press(HtmlPage page, String value) throws Exception {
        HtmlButton button = page.getFirstByXPath("//button[@value='" + value + "']");
        return button.click();
    }

    static String text(HtmlPage page, String id) {
        return page.getElementById(id).asNormalizedText();
    }
}
