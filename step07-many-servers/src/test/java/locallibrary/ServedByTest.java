package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Every answer names the server that gave it, whatever it is: a page, a 404, a static file, a failed
 * view's 500 (which starts from fresh headers). A server started alone is server-1.
 */
class ServedByTest {

    @Test
    void everyKindOfAnswerCarriesXServedBy() throws Exception {
        try (TestServer server = TestServer.start()) {
            Browser browser = new Browser();
            for (String path : new String[] {"/", "/no-such-page", "/static/css/styles.css", "/visit/crash"}) {
                HttpResponse<String> answer = browser.get(server.url(path));
                assertEquals("server-1", answer.headers().firstValue("X-Served-By").orElse(null),
                        path + " answered " + answer.statusCode());
            }
        }
    }
}
