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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.LogRecord;
import locallibrary.web.RequestBody;
import org.junit.jupiter.api.Test;

/**
 * The balancer reads a request's head and body before it takes a connection to an app server, with the app
 * servers' limits: slow clients hold none of those connections, so they block nobody, and are closed.
 */
class SlowClientsDoNotStopTheBalancerTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aHundredStalledBodiesDoNotDelayOtherRequestsAndAreClosedByTheTimeout() throws Exception {
        try (TestBalancer balancer = TestBalancer.start()) {
            // More than the proxy's connections to the app servers (10 per IO thread and server): before the
            // balancer read bodies first, 45 of them held every one, and a page took 19.5 s.
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 100; i++) {
                    stalled.add(send(balancer, "POST /session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Content-Type: application/x-www-form-urlencoded\r\n"
                            + "Content-Length: 100\r\n\r\naction=set"));
                }
                for (String path : List.of("/", "/session", "/static/css/styles.css")) {
                    HttpResponse<String> answer = CLIENT.send(HttpRequest.newBuilder(URI.create(balancer.url(path)))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, answer.statusCode(), path);
                }
                // The balancer closes a stalled connection by itself: the read ends (-1), it does not time out here.
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
    void aHeadSentOneByteAtATimeIsClosedWithinTheParseTimeout() throws Exception {
        String head = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + "a".repeat(200) + "\r\n\r\n";
        ScheduledExecutorService slowClient = Executors.newSingleThreadScheduledExecutor();
        try (TestBalancer balancer = TestBalancer.start(); Socket socket = send(balancer, "")) {
            // Four bytes a second: never silent for long, so only the parse timeout (10 s) stops it; the whole
            // head would take almost a minute.
            AtomicInteger sent = new AtomicInteger();
            OutputStream out = socket.getOutputStream();
            slowClient.scheduleAtFixedRate(() -> {
                try {
                    out.write(head.charAt(sent.get()));
                    out.flush();
                    sent.incrementAndGet();
                } catch (IOException | StringIndexOutOfBoundsException closed) {
                    throw new IllegalStateException(closed); // stops the schedule
                }
            }, 0, 250, TimeUnit.MILLISECONDS);
            socket.setSoTimeout(60_000);
            assertEquals(-1, readOrClosed(socket), "no answer, the connection is closed");
            assertTrue(sent.get() < head.length(), "closed after " + sent.get() + " of " + head.length() + " bytes");
        } finally {
            slowClient.shutdownNow();
        }
    }

    @Test
    void aBodyOverTheLimitGets413FromTheBalancerAndOneLogLine() throws Exception {
        try (TestBalancer balancer = TestBalancer.start();
                LogRecords log = LogRecords.of(RequestBody.class.getName())) {
            // Announced too large: the balancer refuses it before a byte of it is read (it was an empty 500).
            try (Socket socket = send(balancer, "POST /session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                    + (RequestBody.MAX_BYTES + 1) + "\r\n\r\n")) {
                socket.setSoTimeout(30_000);
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
                assertTrue(answer.endsWith("<h1>Request Entity Too Large (413)</h1>"), answer);
            }
            // Chunked, so with no length to refuse it by: read to its end, then the same 413 (not a reset).
            try (Socket socket = send(balancer, "POST /session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n")) {
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                String chunk = Integer.toHexString(0x10000) + "\r\n" + "a".repeat(0x10000) + "\r\n";
                for (int sent = 0; sent < 2_300_000; sent += 0x10000) {
                    out.write(chunk.getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
                assertTrue(answer.endsWith("<h1>Request Entity Too Large (413)</h1>"), answer);
            }
            // A body under the limit still reaches an app server whole.
            HttpResponse<String> posted = CLIENT.send(HttpRequest.newBuilder(URI.create(balancer.url("/session")))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("action=set&padding=" + "a".repeat(1_000_000)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(posted.statusCode() < 400, posted.statusCode() + " " + posted.body());
            assertEquals(2, log.all().size(), "the balancer's log");
            for (LogRecord record : log.all()) {
                assertEquals("Request Entity Too Large: POST /session: the body is over " + RequestBody.MAX_BYTES
                        + " bytes", record.getMessage());
                assertNull(record.getThrown());
            }
        }
    }

    /** A connection to the balancer, on which these bytes have been sent, and then nothing. */
    private static Socket send(TestBalancer balancer, String start) throws IOException {
        URI uri = URI.create(balancer.url());
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(start.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return socket;
    }

    /** The first byte the server sends, or -1 once it has closed the connection (or reset it, mid-write). */
    private static int readOrClosed(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read();
        } catch (java.net.SocketException reset) {
            return -1;
        }
    }
}
