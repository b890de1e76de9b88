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
        Response response = Response.of(exchange);
        // The IO thread writes the page and ends the exchange, so it is also the thread that starts reading the
        // connection's next request. Ended on a worker, Undertow 2.4 wakes the IO thread to read it, and the IO
        // thread spins until the worker has finished ending the exchange: a quarter of the CPU on 2 cores (chapter 07).
        exchange.dispatch(exchange.getIoThread(), () -> response.send(exchange));
    }
}
