package locallibrary;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Django 3.2's answer to a session that cannot be used: a session saved with a negative expiry is gone.
 * (The other engines' answers are tested in step06-engines.)
 */
class DjangoAnswersBadSessionsTest {

    @Test
    void aSessionSavedWithANegativeExpiryIsGone() throws Exception {
        try (TestServer server = TestServer.start()) {
            String key = CookieSettingsTest.keyIn(send(server, "GET", "/visit", null, null));
            HttpResponse<String> expired = send(server, "POST", "/session", "sessionid=" + key,
                    "action=expiry_seconds&seconds=-3600");
            assertTrue(expired.headers().firstValue("Set-Cookie").orElse("").contains("Max-Age=-3600"));
            HttpResponse<String> peek = send(server, "GET", "/session/peek", "sessionid=" + key, null);
            assertTrue(peek.body().contains("Your session holds {}"), peek.body());
        }
    }

    private static HttpResponse<String> send(TestServer server, String method, String path, String cookie,
            String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path)))
                .method(method, form == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(form));
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
