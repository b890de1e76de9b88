package locallibrary.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The "Under the hood" panel at the foot of every page: what the server received and what it sent back
 * for THIS request. Like django-debug-toolbar it wraps the handlers that decide the response, so it runs
 * after them and shows the real headers. It only adds its block to an HTML page: {@link SendResponse}
 * sends the page, so without the panel the app works the same.
 */
public final class UnderTheHood implements HttpHandler {

    private static final AttachmentKey<List<Note>> NOTES = AttachmentKey.create(List.class);

    /** One line of "What the server did"; the value is worked out only when a page shows the panel. */
    private record Note(String label, Supplier<String> value) {
    }

    private static final Logger LOG = Logger.getLogger(UnderTheHood.class.getName());

    private final HttpHandler next;

    public UnderTheHood(HttpHandler next) {
        this.next = next;
    }

    /** Inner handlers explain what they did here; the panel lists the notes in order. */
    public static void note(HttpServerExchange exchange, String label, String value) {
        note(exchange, label, () -> value);
    }

    /** A note that costs work (a database query): done only if a page shows the panel. */
    public static void note(HttpServerExchange exchange, String label, Supplier<String> value) {
        List<Note> notes = exchange.getAttachment(NOTES);
        if (notes == null) {
            notes = new ArrayList<>();
            exchange.putAttachment(NOTES, notes);
        }
        notes.add(new Note(label, value));
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        next.handleRequest(exchange);
        Response response = Response.of(exchange);
        String body = response.body;
        int end = body.lastIndexOf("</body>");
        // Django's 500 page is one bare line: the panel goes below it, to show that the failed view saved nothing.
        if (end < 0 && response.status == 500) {
            end = body.length();
        }
        if (end >= 0) {
            // Set here so that the panel lists it among the headers; the sender sets the same one.
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, response.contentType);
            String panel;
            try {
                panel = Templates.render("under_the_hood.ftlh", describe(exchange, response));
            } catch (Exception failed) {
                // The panel only explains: if it cannot, the page (an error page, perhaps) goes out without it.
                LOG.warning("Under the hood panel left out: " + failed);
                return;
            }
            Response.replace(exchange, response.withBody(body.substring(0, end) + panel + body.substring(end)));
        }
    }

    private static Map<String, Object> describe(HttpServerExchange exchange, Response response) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("requestHead", requestHead(exchange));
        model.put("headAsSent", ReceivedHead.of(exchange) != null);
        // A form's fields travel in the body of a POST: shown too, since they are part of what was received.
        model.put("requestBody", new String(RequestBody.of(exchange), StandardCharsets.UTF_8));
        model.put("cookieHeader", String.join("; ", exchange.getRequestHeaders().get(Headers.COOKIE) == null
                ? List.of() : exchange.getRequestHeaders().get(Headers.COOKIE)));
        List<Map<String, String>> notes = new ArrayList<>();
        if (exchange.getAttachment(NOTES) != null) {
            for (Note note : exchange.getAttachment(NOTES)) {
                notes.add(Map.of("label", note.label(), "value", valueOf(note)));
            }
        }
        model.put("notes", notes);
        model.put("status", response.status);
        model.put("responseHeaders", headers(exchange.getResponseHeaders()));
        return model;
    }

    /** A note's value; one that cannot be worked out (the database is down) says so and spoils nothing else. */
    private static String valueOf(Note note) {
        try {
            return note.value().get();
        } catch (RuntimeException failed) {
            return "(could not be worked out: " + failed.getMessage() + ")";
        }
    }

    /** The request line and header lines as sent; if they were not kept, rebuilt in Undertow's (hash) order. */
    private static List<String> requestHead(HttpServerExchange exchange) {
        if (ReceivedHead.of(exchange) != null) {
            return ReceivedHead.of(exchange);
        }
        String query = exchange.getQueryString().isEmpty() ? "" : "?" + exchange.getQueryString();
        List<String> lines = new ArrayList<>();
        lines.add(exchange.getRequestMethod() + " " + exchange.getRequestPath() + query + " " + exchange.getProtocol());
        for (Map<String, String> header : headers(exchange.getRequestHeaders())) {
            lines.add(header.get("name") + ": " + header.get("value"));
        }
        return lines;
    }

    /** Each header line as name and value, one entry per line (two Set-Cookie lines stay two). */
    private static List<Map<String, String>> headers(io.undertow.util.HeaderMap map) {
        List<Map<String, String>> lines = new ArrayList<>();
        for (HeaderValues values : map) {
            for (String value : values) {
                lines.add(Map.of("name", values.getHeaderName().toString(), "value", value));
            }
        }
        return lines;
    }
}
