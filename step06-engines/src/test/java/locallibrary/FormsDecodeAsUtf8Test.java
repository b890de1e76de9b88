package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our pages declare UTF-8, so browsers post UTF-8: what you set is what you read back, on every engine. */
class FormsDecodeAsUtf8Test {

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"db", "file", "cache", "cached_db", "signed_cookies"})
    void nonAsciiKeysAndValuesComeBackAsTheyWereSet(String engine) throws Exception {
        try (TestServer server = SessionEnginesTest.startWith(engine, folder)) {
            Browser browser = new Browser();
            Map<String, String> form = new LinkedHashMap<>();
            form.put("action", "set");
            form.put("key", "boisson préférée");
            form.put("value", "café, 茶 & 🍵");
            assertEquals(200, browser.post(server.url("/session"), form).statusCode());
            // A later request loads the session from the store: the text survived the round trip.
            String page = browser.get(server.url("/session")).body();
            // The value is shown as the JSON that is stored, which escapes non-ASCII as json.dumps does.
            String row = "<td><code>boisson préférée</code></td>"
                    + "<td><code>&quot;café, 茶 &amp; 🍵&quot;</code></td>";
            assertTrue(page.contains(row), page);
        }
    }
}
