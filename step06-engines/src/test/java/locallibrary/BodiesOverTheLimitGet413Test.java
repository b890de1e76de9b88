package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.LogRecord;
import locallibrary.web.RequestBody;
import org.junit.jupiter.api.Test;

/** A body over 2 MiB gets 413 and one log line, whether its size was announced or it came in chunks. */
class BodiesOverTheLimitGet413Test {

    private static final String HEAD = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\n";

    @Test
    void aBodyAnnouncedTooLargeGets413BeforeAByteOfItIsSent() throws Exception {
        try (TestServer server = TestServer.start(); LogRecords log = LogRecords.of(RequestBody.class.getName());
                Socket socket = connect(server)) {
            send(socket, HEAD + "Content-Length: " + (RequestBody.MAX_BYTES + 1) + "\r\n\r\n");
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
            assertEquals("HTTP/1.1 413", status);
            assertOneLogLineWithoutStackTrace(log.all());
            assertTheServerStillAnswers(server);
        }
    }

    @Test
    void aChunkedBodyOverTheLimitGets413AndNoStackTrace() throws Exception {
        PrintStream console = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (TestServer server = TestServer.start(); LogRecords log = LogRecords.of(RequestBody.class.getName());
                Socket socket = connect(server)) {
            // Undertow prints some stack traces straight to System.err, not through a logger: catch them too.
            System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
            // As curl sends a 2.3 MB file with -H 'Transfer-Encoding: chunked': all of it, then it reads.
            send(socket, HEAD + "Transfer-Encoding: chunked\r\n\r\n");
            String chunk = Integer.toHexString(0x10000) + "\r\n" + "a".repeat(0x10000) + "\r\n";
            for (int sent = 0; sent < 2_300_000; sent += 0x10000) {
                send(socket, chunk);
            }
            send(socket, "0\r\n\r\n");
            // The server answers, then closes the connection: the whole answer, up to the end of the stream.
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
            assertTrue(answer.endsWith("\r\n\r\n<h1>Request Entity Too Large (413)</h1>"), answer);
            assertOneLogLineWithoutStackTrace(log.all());
            assertTheServerStillAnswers(server);
        } finally {
            System.setErr(console);
        }
        assertFalse(printed.toString(StandardCharsets.UTF_8).contains("Exception"), printed.toString());
    }

    private static void assertOneLogLineWithoutStackTrace(List<LogRecord> records) {
        assertEquals(1, records.size());
        String message = records.get(0).getMessage();
        assertTrue(message.startsWith("Request Entity Too Large: POST /: the body is over 2097152 bytes"), message);
        assertNull(records.get(0).getThrown());
    }

    private static void assertTheServerStillAnswers(TestServer server) throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.url("/"))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
    }

    private static Socket connect(TestServer server) throws IOException {
        URI uri = URI.create(server.url("/"));
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(30_000); // a server that never answers fails the test, it does not hang it
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
