package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bodies are read on the IO thread before a worker is taken: clients that never finish theirs block nobody. */
class SlowBodiesDoNotStopTheServerTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aHundredStalledBodiesLeaveTheServerAnsweringAndAreClosedByTheTimeout() throws Exception {
        try (TestServer server = TestServer.start()) {
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 100; i++) {
                    stalled.add(startBody(server, "POST /session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Content-Type: application/x-www-form-urlencoded\r\n"
                            + "Content-Length: 1000\r\n\r\naction="));
                }
                for (String path : List.of("/", "/static/css/styles.css", "/no-such-page")) {
                    HttpResponse<String> answer = CLIENT.send(HttpRequest.newBuilder(URI.create(server.url(path)))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    assertTrue(answer.statusCode() == 200 || answer.statusCode() == 404, path);
                }
                // The server closes a stalled connection by itself: the read ends (-1), it does not time out here.
                Socket first = stalled.get(0);
                first.setSoTimeout(60_000);
                assertEquals(-1, first.getInputStream().read());
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
        }
    }

    /** Headers and the start of a body, and then nothing: a slow or stalled client. */
    private static Socket startBody(TestServer server, String start) throws IOException {
        URI uri = URI.create(server.url("/"));
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(start.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return socket;
    }
}
