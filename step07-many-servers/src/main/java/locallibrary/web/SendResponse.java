package locallibrary.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * The outermost handler of the chain: once every handler inside has finished with the response, it goes
 * out. Nothing else writes to the browser, so any handler inside may still change or replace the page.
 */
public final class SendResponse implements HttpHandler {

    private final HttpHandler next;

    public SendResponse(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        next.handleRequest(exchange);
        Response.of(exchange).send(exchange);
    }
}
