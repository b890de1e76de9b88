package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/**
 * The panel's raw request is the head exactly as the client sent it (its order, its spelling, its case),
 * for each request of a kept-alive connection, pipelined or not.
 */
class ReceivedHeadTest {

    private static final Pattern RECEIVED =
            Pattern.compile("<pre id=\"request-received\">(.*?)</pre>", Pattern.DOTALL);
    private static final Pattern LENGTH = Pattern.compile("(?i)content-length: *(\\d+)");

    @Test
    void headersAppearInTheOrderAndCaseTheyWereSent() throws Exception {
        try (TestServer server = TestServer.start(); Socket socket = connect(server)) {
            String head = "GET /?q=1 HTTP/1.1\r\nZeta: 1\r\nhost: " + authority(server)
                    + "\r\nAccept: x\r\nX-A: 2\r\nCookie: b=2; a=1\r\nCONNECTION: keep-alive\r\n";
            String received = received(exchange(socket, head + "\r\n"));
            assertEquals(head.replace("\r\n", "\n"), received);
        }
    }

    @Test
    void eachRequestOfAKeptAliveConnectionShowsItsOwnHead() throws Exception {
        try (TestServer server = TestServer.start(); Socket socket = connect(server)) {
            String first = "GET / HTTP/1.1\r\nHost: " + authority(server) + "\r\nX-First: 1\r\n";
            String second = "GET /?again HTTP/1.1\r\nX-Second: 2\r\nHost: " + authority(server) + "\r\n";
            assertEquals(first.replace("\r\n", "\n"), received(exchange(socket, first + "\r\n")));
            assertEquals(second.replace("\r\n", "\n"), received(exchange(socket, second + "\r\n")));
        }
    }

    @Test
    void pipelinedRequestsEachShowTheirOwnHead() throws Exception {
        try (TestServer server = TestServer.start(); Socket socket = connect(server)) {
            String first = "GET / HTTP/1.1\r\nHost: " + authority(server) + "\r\nX-First: 1\r\n";
            String second = "GET /?again HTTP/1.1\r\nX-Second: 2\r\nHost: " + authority(server) + "\r\n";
            // Both requests in one write: the server reads them together, answers them one after the other.
            String both = first + "\r\n" + second + "\r\n";
            socket.getOutputStream().write(both.getBytes(StandardCharsets.ISO_8859_1));
            assertEquals(first.replace("\r\n", "\n"), received(readAnswer(socket.getInputStream())));
            assertEquals(second.replace("\r\n", "\n"), received(readAnswer(socket.getInputStream())));
        }
    }

    @Test
    void aHeadAfterABodyIsStillFound() throws Exception {
        try (TestServer server = TestServer.start(); Socket socket = connect(server)) {
            String post = "POST /no-such-page HTTP/1.1\r\nHost: " + authority(server)
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n";
            // A body that looks like a head must not be taken for one.
            String answer = exchange(socket, post + "\r\nGET / H");
            assertTrue(answer.startsWith("HTTP/1.1 "), answer);
            String next = "GET / HTTP/1.1\r\nX-After: body\r\nHost: " + authority(server) + "\r\n";
            assertEquals(next.replace("\r\n", "\n"), received(exchange(socket, next + "\r\n")));
        }
    }

    @Test
    void aBrowserSeesTheHeadItSent() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            HtmlPage page = browser.getPage(server.url("/"));
            String summary = page.getElementById("request").getFirstElementChild().asNormalizedText();
            assertFalse(summary.contains("Undertow"), summary);
            String received = page.getElementById("request-received").asNormalizedText();
            assertTrue(received.startsWith("GET / HTTP/1.1\nHost: 127.0.0.1:"), received);
        }
    }

    private static Socket connect(TestServer server) throws IOException {
        URI uri = URI.create(server.url("/"));
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static String authority(TestServer server) {
        return URI.create(server.url("/")).getRawAuthority();
    }

    /** Sends one request on the open connection and reads its answer, leaving the connection open. */
    private static String exchange(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return readAnswer(socket.getInputStream());
    }

    /** One answer: its head up to the blank line, then as many body bytes as Content-Length says. */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in an answer's head: " + head);
            }
            head.write(b);
        }
        Matcher length = LENGTH.matcher(head.toString(StandardCharsets.ISO_8859_1));
        assertTrue(length.find(), "an answer without Content-Length: " + head);
        byte[] body = in.readNBytes(Integer.parseInt(length.group(1)));
        return head.toString(StandardCharsets.ISO_8859_1) + new String(body, StandardCharsets.UTF_8);
    }

    /** The panel's raw request, as text (the page escapes it as HTML). */
    private static String received(String answer) {
        Matcher pre = RECEIVED.matcher(answer);
        assertTrue(pre.find(), "no panel in: " + answer);
        return pre.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
    }
}
