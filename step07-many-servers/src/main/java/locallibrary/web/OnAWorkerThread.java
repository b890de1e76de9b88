package locallibrary.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * Runs the handlers inside on a worker thread, where they may wait (for the database, a template, a file)
 * without holding up the IO thread, which serves many connections. Unlike Undertow's BlockingHandler it
 * keeps the exchange non-blocking: nothing inside reads or writes the connection, and {@link SendResponse}
 * hands the finished page back to the IO thread, which writes it.
 */
public final class OnAWorkerThread implements HttpHandler {

    private final HttpHandler next;

    public OnAWorkerThread(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        exchange.dispatch(next);
    }
}
