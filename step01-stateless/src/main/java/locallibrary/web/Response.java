package locallibrary.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import java.util.logging.Level;
import java.util.logging.Logger;

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
     * page and one log line: the browser never sees a stack trace.
     */
    public static HttpHandler view(View view) {
        return exchange -> {
            Response response;
            try {
                response = view.handle(exchange);
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

    public static Response serverError() {
        return new Response(500, "text/html; charset=utf-8", "<h1>Server Error (500)</h1>");
    }

    /** Django's 404 page when DEBUG is off. */
    public static void notFound(HttpServerExchange exchange) {
        exchange.putAttachment(KEY, new Response(404, "text/html; charset=utf-8",
                "<h1>Not Found</h1><p>The requested resource was not found on this server.</p>"));
    }

    /** Django's HttpResponseNotAllowed: an empty 405 whose Allow header lists the methods the page accepts. */
    public static void methodNotAllowed(HttpServerExchange exchange, String allowed) {
        exchange.getResponseHeaders().put(Headers.ALLOW, allowed);
        exchange.putAttachment(KEY, new Response(405, "text/html; charset=utf-8", ""));
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
