package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Django 3.2's default security headers are on every response: pages, static files, errors. */
class SecurityHeadersTest {

    @Test
    void everyAnswerCarriesTheThreeHeaders() throws Exception {
        try (TestServer server = TestServer.start()) {
            HttpClient client = HttpClient.newHttpClient();
            for (String path : List.of("/", "/session", "/static/css/styles.css", "/no-such-page")) {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(server.url(path)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(List.of("DENY"), answer.headers().allValues("X-Frame-Options"), path);
                assertEquals(List.of("nosniff"), answer.headers().allValues("X-Content-Type-Options"), path);
                assertEquals(List.of("same-origin"), answer.headers().allValues("Referrer-Policy"), path);
            }
            // The refusal of a bad Host header carries them too.
            String refused = AllowedHostsTest.answer(server, "evil.example");
            for (String header : List.of("X-Frame-Options: DENY", "X-Content-Type-Options: nosniff",
                    "Referrer-Policy: same-origin")) {
                assertTrue(refused.contains("\r\n" + header + "\r\n"), refused);
            }
        }
    }
}
