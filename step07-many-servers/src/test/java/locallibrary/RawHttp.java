package locallibrary;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One GET request written byte for byte to a plain socket. HTTP clients and browsers refuse to send
 * broken headers (control characters, raw non-ASCII bytes, lines without a colon); an attacker is not so
 * polite, so the tests send them this way.
 */
final class RawHttp {

    private static final Pattern VISITS = Pattern.compile("You have visited this page \\d+ times?\\.");

    /** What came back: the status, the header lines as "Name: value", and the body. */
    record Answer(int status, List<String> headers, String body) {

        /** The values of every header line with this name. */
        List<String> all(String name) {
            List<String> values = new ArrayList<>();
            for (String line : headers) {
                if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    values.add(line.substring(name.length() + 1).trim());
                }
            }
            return values;
        }

        /** The key of the session cookie this answer set, or null when it set none. */
        String newKey() {
            List<String> cookies = all("Set-Cookie");
            if (cookies.isEmpty()) {
                return null;
            }
            Matcher key = Pattern.compile("sessionid=([^;]*);").matcher(cookies.get(0));
            return key.find() ? key.group(1) : null;
        }

        /** "You have visited this page N times.", or null when the page does not say. */
        String visits() {
            Matcher visits = VISITS.matcher(body);
            return visits.find() ? visits.group() : null;
        }
    }

    /**
     * GET on the url, with these extra header lines. Each character of a line is sent as one byte
     * (ISO-8859-1), so "\u00e9" is the raw byte 0xE9; use {@link #utf8Bytes} to send UTF-8.
     */
    static Answer get(String url, String... headerLines) throws IOException {
        URI uri = URI.create(url);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder("GET " + uri.getRawPath() + " HTTP/1.1\r\n")
                    .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                    .append("Connection: close\r\n");
            for (String line : headerLines) {
                request.append(line).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            // "Connection: close": the answer ends when the server closes the connection.
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int end = answer.indexOf("\r\n\r\n");
            if (end < 0) {
                throw new IOException("the server closed the connection without a complete answer: " + answer);
            }
            String[] head = answer.substring(0, end).split("\r\n");
            String body = new String(answer.substring(end + 4).getBytes(StandardCharsets.ISO_8859_1),
                    StandardCharsets.UTF_8);
            return new Answer(Integer.parseInt(head[0].split(" ")[1]), List.of(head).subList(1, head.length), body);
        }
    }

    /** The UTF-8 bytes of the text, one character per byte, ready for {@link #get}. */
    static String utf8Bytes(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private RawHttp() {
    }
}
