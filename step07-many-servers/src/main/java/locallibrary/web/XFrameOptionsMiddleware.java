package locallibrary.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;

/**
 * Django's {@code XFrameOptionsMiddleware}: {@code X-Frame-Options: DENY} on every response, so that no
 * other site can show our pages inside a frame and trick you into clicking on them (clickjacking).
 */
public final class XFrameOptionsMiddleware implements HttpHandler {

    private static final HttpString X_FRAME_OPTIONS = new HttpString("X-Frame-Options");

    private final HttpHandler next;

    public XFrameOptionsMiddleware(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        exchange.getResponseHeaders().put(X_FRAME_OPTIONS, "DENY");
        next.handleRequest(exchange);
    }
}
