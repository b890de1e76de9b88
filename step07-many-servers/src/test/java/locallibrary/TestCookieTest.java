package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/** Django's test cookie on /cookies: the GET sets it, the POST finds it only if the browser keeps cookies. */
class TestCookieTest {

    @Test
    void aBrowserThatKeepsCookiesIsToldSo() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            HtmlPage form = browser.getPage(server.url("/cookies"));
            assertTrue(form.getElementById("notes").asNormalizedText().contains("{\"testcookie\":\"worked\"}"));
            HtmlPage answer = MyCarGotchaTest.press(form, "check");
            assertEquals("Your browser accepts cookies: the test cookie came back.",
                    MyCarGotchaTest.text(answer, "result"));
            // delete_test_cookie tidied up: the session is saved without it.
            assertTrue(answer.getElementById("notes").asNormalizedText().contains("Session data\n{}"),
                    answer.getElementById("notes").asNormalizedText());
        }
    }

    @Test
    void aBrowserWithCookiesOffIsToldItDoesNotAcceptThem() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            browser.getCookieManager().setCookiesEnabled(false);
            HtmlPage answer = MyCarGotchaTest.press(browser.getPage(server.url("/cookies")), "check");
            assertTrue(MyCarGotchaTest.text(answer, "result")
                    .startsWith("Your browser did not send the session cookie back"));
            assertEquals("(none)", MyCarGotchaTest.text(answer, "cookie-received"));
            // The GET stored a session, but the browser never sent its key back; the POST only read: no second row.
            assertEquals(1, DatabaseSessionsTest.rowCount(server.databasePath()));
        }
    }
}
