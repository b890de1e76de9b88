package locallibrary.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import locallibrary.BadRequest;
import locallibrary.DatabaseError;
import locallibrary.SuspiciousOperation;
import locallibrary.sessions.TypeError;

/**
 * Django's {@code convert_exception_to_response}: an exception from any handler inside becomes Django's
 * plain "Server Error (500)" page and one log line, never a stack trace on the page. It wraps the whole
 * chain, and each view too (see {@link Response#view}), as Django wraps every layer: a middleware then
 * sees a failed view's 500 page, and a failing middleware still answers with the page. A failing database
 * is not a bug in the code: it gets the 503 page of {@link Response#databaseUnavailable}.
 */
public final class ConvertExceptionToResponse implements HttpHandler {

    private final HttpHandler next;

    public ConvertExceptionToResponse(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        try {
            next.handleRequest(exchange);
        } catch (Exception e) {
            // A new response, as in Django: headers set for the one that failed (a cookie, Vary) are not sent.
            exchange.getResponseHeaders().clear();
            Response.replace(exchange, responseForException(exchange, e));
        }
    }

    /** Django's {@code response_for_exception}: the page for what went wrong; it logs one line. */
    static Response responseForException(HttpServerExchange exchange, Exception e) {
        if (e instanceof DatabaseError failed) {
            return Response.databaseUnavailable(exchange, failed);
        }
        if (e instanceof TypeError wrongType) {
            // A value the visitor stored in the session has a type the view cannot use: say which, and how to fix it.
            return Response.badRequestSaying(exchange, wrongType);
        }
        if (e instanceof BadRequest || e instanceof SuspiciousOperation) {
            return Response.badRequest(exchange, (RuntimeException) e);
        }
        return Response.serverError(exchange, e);
    }
}
