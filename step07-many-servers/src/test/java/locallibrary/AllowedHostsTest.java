package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Host header is checked as Django's runserver checks it: with ALLOWED_HOSTS empty only this machine's
 * names pass; any other gets 400, so a DNS-rebinding page cannot talk to the server under its own name.
 */
class AllowedHostsTest {

    @Test
    void anotherSitesNameGets400AndOneLogLine() throws Exception {
        try (TestServer server = TestServer.start(); LogRecords log = LogRecords.of("django.security.DisallowedHost")) {
            assertEquals("HTTP/1.1 400 Bad Request", statusLine(server, "evil.example"));
            assertEquals("HTTP/1.1 400 Bad Request", statusLine(server, "127.0.0.1.evil.example:8000"));
            assertEquals("HTTP/1.1 400 Bad Request", statusLine(server, "bad_name.localhost"));
            assertEquals(List.of("Invalid HTTP_HOST header: 'evil.example'. You may need to add 'evil.example'"
                    + " to ALLOWED_HOSTS."), log.all().stream().limit(1).map(r -> r.getMessage()).toList());
            assertNull(log.all().get(0).getThrown());
        }
    }

    @Test
    void thisMachinesNamesPass() throws Exception {
        try (TestServer server = TestServer.start()) {
            for (String host : List.of("127.0.0.1", "127.0.0.1:8000", "localhost:8000", "LOCALHOST", "app.localhost",
                    "[::1]:8000")) {
                assertEquals("HTTP/1.1 200 OK", statusLine(server, host), host);
            }
        }
    }

    @Test
    void allowedHostsNamesTheOthers() throws Exception {
        try (TestServer server = TestServer.start(Map.of("ALLOWED_HOSTS", "library.example, .example.org"))) {
            assertEquals("HTTP/1.1 200 OK", statusLine(server, "library.example:8000"));
            assertEquals("HTTP/1.1 200 OK", statusLine(server, "www.example.org"));
            assertEquals("HTTP/1.1 400 Bad Request", statusLine(server, "localhost"));
        }
    }

    /** The status line of GET / sent with this Host header. */
    static String statusLine(TestServer server, String host) throws IOException {
        String answer = answer(server, host);
        return answer.substring(0, answer.indexOf("\r\n"));
    }

    /** The whole answer to GET / sent with this Host header. */
    static String answer(TestServer server, String host) throws IOException {
        URI uri = URI.create(server.url("/"));
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
