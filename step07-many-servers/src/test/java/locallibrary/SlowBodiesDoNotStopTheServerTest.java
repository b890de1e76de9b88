package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.util.logging.LogRecord;
import locallibrary.web.RequestBody;
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

    @Test
    void aBodyOverTheLimitGets413AndOneLogLine() throws Exception {
        try (TestServer server = TestServer.start(); LogRecords log = LogRecords.of(RequestBody.class.getName())) {
            // Announced too large: refused before a byte of it is read.
            try (Socket socket = startBody(server, "POST /session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                    + (RequestBody.MAX_BYTES + 1) + "\r\n\r\n")) {
                socket.setSoTimeout(30_000);
                String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
                assertEquals("HTTP/1.1 413", answer);
            }
            // Sent in chunks: refused when it grows past the limit. The server closes the connection while the
            // client may still be sending, so the client sees the 413, or only a reset: both are fine.
            try (Socket socket = startBody(server, "POST /session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n")) {
                socket.setSoTimeout(30_000);
                String answer = "";
                try {
                    byte[] chunk = ("10000\r\n" + "a".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                    for (int sent = 0; sent <= RequestBody.MAX_BYTES; sent += 0x10000) {
                        socket.getOutputStream().write(chunk);
                    }
                    answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
                } catch (IOException reset) {
                    // the connection was closed under our feet: the log below says why
                }
                assertTrue(answer.isEmpty() || answer.equals("HTTP/1.1 413"), answer);
            }
            assertEquals(200, CLIENT.send(HttpRequest.newBuilder(URI.create(server.url("/"))).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(2, log.all().size());
            for (LogRecord record : log.all()) {
                String message = record.getMessage();
                assertTrue(message.startsWith("Request Entity Too Large: POST /session"), message);
                assertNull(record.getThrown());
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
