package locallibrary.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import java.util.logging.Level;
import java.util.logging.Logger;
import locallibrary.DatabaseError;

/**
 * What a view answered, held until the handlers around the view have finished with it; Django's
 * {@code HttpResponse}. The outermost handler, {@link SendResponse}, sends it.
 */
public final class Response {

    private static final AttachmentKey<Response> KEY = AttachmentKey.create(Response.class);
    private static final Logger LOG = Logger.getLogger(Response.class.getName());
    /** Every page this server makes is HTML in UTF-8, as Django's default content type. */
    private static final String HTML = "text/html; charset=utf-8";

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
     * page, as Django converts it: the handlers around the view see that page, not the exception.
     */
    public static HttpHandler view(View view) {
        return new ConvertExceptionToResponse(exchange -> exchange.putAttachment(KEY, view.handle(exchange)));
    }

    public static Response html(String body) {
        return new Response(200, HTML, body);
    }

    // region:database-unavailable
    /**
     * The database failed (read-only, full, the table gone): a 503 page that says "try again", and one log
     * line naming the cause. The code has no bug to show, so no stack trace, in the page or in the log.
     */
    public static Response databaseUnavailable(HttpServerExchange exchange, DatabaseError e) {
        LOG.severe("Service Unavailable: " + exchange.getRequestURI() + ": " + e.getMessage());
        return new Response(503, HTML, "<h1>Service Unavailable (503)</h1>"
                + "<p>The database is not available right now. Please try again in a moment.</p>");
    }
    // endregion:database-unavailable

    /**
     * The client's mistake, not a bug of ours (Django's BadRequest, or a SuspiciousOperation: a request no
     * honest browser sends): the 400 page and one warning line, no stack trace.
     */
    public static Response badRequest(HttpServerExchange exchange, RuntimeException e) {
        LOG.warning("Bad Request: " + exchange.getRequestURI() + ": " + e.getMessage());
        return badRequest();
    }

    /**
     * A 400 whose page says what is wrong and how to fix it, for a mistake the visitor made on purpose and
     * can undo (text stored on the playground where a view counts); one log line, as for any 400.
     */
    public static Response badRequestSaying(HttpServerExchange exchange, RuntimeException e) {
        LOG.warning("Bad Request: " + exchange.getRequestURI() + ": " + e.getMessage());
        String sentence = e.getMessage().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return new Response(400, HTML, "<h1>Bad Request (400)</h1><p>" + sentence + "</p>");
    }

    /** Django's page for a request it refuses (SessionInterrupted, for one). */
    public static Response badRequest() {
        return new Response(400, HTML, "<h1>Bad Request (400)</h1>");
    }

    /** Django's page for a bug, and one log line with the stack trace, for the developer only. */
    public static Response serverError(HttpServerExchange exchange, Exception e) {
        LOG.log(Level.SEVERE, "Internal Server Error: " + exchange.getRequestURI(), e);
        return new Response(500, HTML, "<h1>Server Error (500)</h1>");
    }

    /** Django's 404 page when DEBUG is off. */
    public static void notFound(HttpServerExchange exchange) {
        exchange.putAttachment(KEY, new Response(404, HTML,
                "<h1>Not Found</h1><p>The requested resource was not found on this server.</p>"));
    }

    /** Django's HttpResponseNotAllowed: an empty 405 whose Allow header lists the methods the page accepts. */
    public static void methodNotAllowed(HttpServerExchange exchange, String allowed) {
        exchange.getResponseHeaders().put(Headers.ALLOW, allowed);
        exchange.putAttachment(KEY, new Response(405, HTML, ""));
    }

    /** A handler around the view replaces its response with another (an error page, the page with the panel). */
    public static void replace(HttpServerExchange exchange, Response response) {
        exchange.putAttachment(KEY, response);
    }

    /** The same status and type, another body. */
    public Response withBody(String body) {
        return new Response(status, contentType, body);
    }

    /** The response a view left on this exchange, or null. */
    public static Response of(HttpServerExchange exchange) {
        return exchange.getAttachment(KEY);
    }

    /** Writes status, type and body: the last thing that happens to a request. */
    void send(HttpServerExchange exchange) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.getResponseSender().send(body);
    }
}
