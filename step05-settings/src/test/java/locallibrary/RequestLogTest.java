package locallibrary;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The request log: one line for each request, whatever its path holds. */
class RequestLogTest {

    /** What the server prints, and a signal once a whole line holding {@code awaited} has been printed. */
    private static final class Printed extends OutputStream {
        final CountDownLatch lineArrived = new CountDownLatch(1);
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final String awaited;

        Printed(String awaited) {
            this.awaited = awaited;
        }

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            if (b == '\n' && text().contains(awaited)) {
                lineArrived.countDown();
            }
        }

        synchronized String text() {
            return bytes.toString(UTF_8);
        }
    }

    @Test
    void aRawControlCharacterInTheRequestLineIsRefusedBeforeAnythingIsLogged() throws Exception {
        // What makes logging the path as sent safe: Undertow answers 400 to ESC, TAB or DEL in the request line.
        try (TestServer server = TestServer.start()) {
            URI uri = URI.create(server.url("/"));
            for (String path : List.of("/x\u001b[31mRED", "/x\ty", "/x\u007fz")) {
                try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
                    socket.setSoTimeout(30_000);
                    socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
                    assertEquals("HTTP/1.1 400", status, path);
                }
            }
        }
    }

    @Test
    void aPathWithLineBreaksAndTerminalEscapesIsLoggedOnOneLine() throws Exception {
        // The probe's path: CR LF, a made-up log line, LF, then ESC [31m (red text in a terminal).
        String path = "/x%0d%0a%5B01%2FDec%2F2026%2015%3A00%3A00%5D%20%22POST%20%2Fadmin%20HTTP%2F1.1%22%20200%20999"
                + "%0a%1b%5b31mRED";
        PrintStream original = System.out;
        Printed printed = new Printed("RED");
        // The server prints to the output it started with.
        System.setOut(new PrintStream(printed, true, UTF_8));
        try (TestServer server = TestServer.start()) {
            System.setOut(original);
            HttpResponse<String> answer = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(server.url(path))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, answer.statusCode());
            assertTrue(printed.lineArrived.await(30, TimeUnit.SECONDS), "the request is logged");
        } finally {
            System.setOut(original);
        }
        String log = printed.text().replace(System.lineSeparator(), "\n");
        assertFalse(log.contains("\r") || log.contains("\u001b"), log);
        List<String> lines = log.lines().filter(line -> line.contains("POST")).toList();
        assertEquals(1, lines.size(), log);
        // Logged as sent, still percent-encoded, as Django's runserver logs it.
        assertTrue(lines.get(0).matches("\\[[^]]+] \"GET " + Pattern.quote(path) + " HTTP/1\\.1\" 404 \\d+"),
                lines.get(0));
    }
}
