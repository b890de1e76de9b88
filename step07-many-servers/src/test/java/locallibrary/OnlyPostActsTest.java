package locallibrary;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A GET only shows, as the playground says: a form body sent with a GET is ignored. */
class OnlyPostActsTest {

    @Test
    void aGetWithAFlushFormInItsBodyFlushesNothing() throws Exception {
        try (TestServer server = TestServer.start()) {
            Browser browser = new Browser();
            browser.post(server.url("/session"), Map.of("action", "set", "key", "color", "value", "blue"));
            String shown = browser.send("GET", server.url("/session"), "action=flush").body();
            assertTrue(shown.contains("This request did: <code>nothing: a GET only reads the session</code>"), shown);
            assertTrue(browser.get(server.url("/session")).body().contains("<td><code>color</code></td>"));
        }
    }
}
