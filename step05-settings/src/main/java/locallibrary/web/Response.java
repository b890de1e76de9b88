package locallibrary.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import java.util.logging.Level;
import java.util.logging.Logger;
import locallibrary.BadRequest;
import locallibrary.DatabaseError;

/**
 * What a view answered, held until the handlers around the view have finished with it; Django's
 * {@code HttpResponse}. The outermost handler, {@link UnderTheHood}, sends it.
 */
public final class Response {

    private static final AttachmentKey<Response> KEY = AttachmentKey.create(Response.class);
    private static final Logger LOG = Logger.getLogger(Response.class.getName());

    public final int status;
    public final String contentType;
    public final String body;

    private Response(int status, String contentType, String body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    /** A view: takes the request, answers with a page. */
    @FunctionalInterface
    public interface View {
        Response handle(HttpServerExchange exchange) throws Exception;
    }

    /**
     * Turns a view into a handler. An exception in the view becomes Django's plain "Server Error (500)"
     * page and one log line: the browser never sees a stack trace. A failing database is not a bug in
     * the view: it gets the 503 page of {@link #databaseUnavailable}; a BadRequest (a malformed form) gets 400.
     */
    public static HttpHandler view(View view) {
        return exchange -> {
            Response response;
            try {
                response = view.handle(exchange);
            } catch (DatabaseError e) {
                response = databaseUnavailable(exchange, e);
            } catch (BadRequest e) {
                // The client's mistake, not a bug of ours: one line, no stack trace.
                LOG.warning("Bad Request: " + exchange.getRequestPath() + ": " + e.getMessage());
                response = badRequest();
            } catch (Exception e) {
                LOG.log(Level.SEVERE, "Internal Server Error: " + exchange.getRequestPath(), e);
                response = serverError();
            }
            exchange.putAttachment(KEY, response);
        };
    }

    public static Response html(String body) {
        return new Response(200, "text/html; charset=utf-8", body);
    }

    // region:database-unavailable
    /**
     * The database failed (read-only, full, the table gone): a 503 page that says "try again", and one log
     * line naming the cause. The code has no bug to show, so no stack trace, in the page or in the log.
     */
    public static Response databaseUnavailable(HttpServerExchange exchange, DatabaseError e) {
        LOG.severe("Service Unavailable: " + exchange.getRequestPath() + ": " + e.getMessage());
        return new Response(503, "text/html; charset=utf-8", "<h1>Service Unavailable (503)</h1>"
                + "<p>The database is not available right now. Please try again in a moment.</p>");
    }
    // endregion:database-unavailable

    /** Django's page for a request it refuses (SessionInterrupted, for one). */
    public static Response badRequest() {
        return new Response(400, "text/html; charset=utf-8", "<h1>Bad Request (400)</h1>");
    }

    public static Response serverError() {
        return new Response(500, "text/html; charset=utf-8", "<h1>Server Error (500)</h1>");
    }

    /** Django's 404 page when DEBUG is off. */
    public static void notFound(HttpServerExchange exchange) {
        exchange.putAttachment(KEY, new Response(404, "text/html; charset=utf-8",
                "<h1>Not Found</h1><p>The requested resource was not found on this server.</p>"));
    }

    public static void methodNotAllowed(HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(Headers.ALLOW, "GET");
        exchange.putAttachment(KEY, new Response(405, "text/html; charset=utf-8", ""));
    }

    /** A middleware replaces the view's response with another. */
    public static void replace(HttpServerExchange exchange, Response response) {
        exchange.putAttachment(KEY, response);
    }

    /** The response a view left on this exchange, or null. */
    public static Response of(HttpServerExchange exchange) {
        return exchange.getAttachment(KEY);
    }

    /** Writes status, type and body: the last thing that happens to a request. */
    public void send(HttpServerExchange exchange, String body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.getResponseSender().send(body);
    }
}
