package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** HEAD is answered as GET without a body, as Django's runserver does; a 405 lists the methods a page takes. */
class HttpMethodsTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void headAnswersWithTheHeadersOfGetAndNoBody() throws Exception {
        try (TestServer server = TestServer.start()) {
            HttpResponse<String> get = send(server, "GET", "/");
            HttpResponse<String> head = send(server, "HEAD", "/");
            assertEquals(200, head.statusCode());
            assertEquals("", head.body());
            assertEquals(names(get), names(head));
            assertEquals(get.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"));
            // The length of the body HEAD leaves out (the page names the request's method, so it differs by one).
            assertTrue(Integer.parseInt(head.headers().firstValue("Content-Length").orElse("0")) > 0);
        }
    }

    @Test
    void a405ListsTheMethodsThePageTakes() throws Exception {
        try (TestServer server = TestServer.start()) {
            HttpResponse<String> post = send(server, "POST", "/");
            assertEquals(405, post.statusCode());
            assertEquals(Optional.of("GET, HEAD"), post.headers().firstValue("Allow"));
        }
    }

    @Test
    void aPageThatTakesPostListsItToo() throws Exception {
        try (TestServer server = TestServer.start()) {
            HttpResponse<String> put = send(server, "PUT", "/session");
            assertEquals(405, put.statusCode());
            assertEquals(Optional.of("GET, HEAD, POST"), put.headers().firstValue("Allow"));
            assertEquals(Optional.of("GET, HEAD"), send(server, "POST", "/session/peek").headers().firstValue("Allow"));
        }
    }
    static HttpResponse<String> send(TestServer server, String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url(path)))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The names of the response's headers, but Date, whose value changes and which is sent anyway. */
    private static Set<String> names(HttpResponse<String> response) {
        Set<String> names = new TreeSet<>(response.headers().map().keySet());
        names.remove("date");
        return names;
    }
}
