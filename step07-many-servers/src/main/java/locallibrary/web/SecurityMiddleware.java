package locallibrary.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;

/**
 * The two headers Django 3.2's {@code SecurityMiddleware} sends on every response by default:
 * {@code X-Content-Type-Options: nosniff} (the browser must not guess that a text file is a script) and
 * {@code Referrer-Policy: same-origin} (a link to another site does not tell it which page you came from).
 */
public final class SecurityMiddleware implements HttpHandler {

    private static final HttpString CONTENT_TYPE_OPTIONS = new HttpString("X-Content-Type-Options");
    private static final HttpString REFERRER_POLICY = new HttpString("Referrer-Policy");

    private final HttpHandler next;

    public SecurityMiddleware(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        // Set before the inner handlers run: every answer, even an error page, carries them.
        exchange.getResponseHeaders().put(CONTENT_TYPE_OPTIONS, "nosniff");
        exchange.getResponseHeaders().put(REFERRER_POLICY, "same-origin");
        next.handleRequest(exchange);
    }
}
