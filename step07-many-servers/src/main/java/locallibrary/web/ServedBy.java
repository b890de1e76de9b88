package locallibrary.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HttpString;

/**
 * Names the app server that answered, so that a learner sees the load balancer send one browser's requests
 * to one server, then another: an {@code X-Served-By: server-1} header on every answer, and "Answered by
 * server-1 (port 41234)" at the top of every page's "Under the hood" panel.
 */
public final class ServedBy implements HttpHandler {

    public static final HttpString HEADER = new HttpString("X-Served-By");

    private static final AttachmentKey<String> ANSWERED_BY = AttachmentKey.create(String.class);

    private final HttpHandler next;
    private final String name;

    public ServedBy(HttpHandler next, String name) {
        this.next = next;
        this.name = name;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        // The port this server listens on: the balancer connected to it there.
        int port = exchange.getDestinationAddress().getPort();
        exchange.putAttachment(ANSWERED_BY, name + " (port " + port + ")");
        // Set now, so that the panel lists it; and again as the answer goes out, since an error page
        // starts from fresh headers (see ConvertExceptionToResponse).
        exchange.getResponseHeaders().put(HEADER, name);
        exchange.addResponseCommitListener(answered -> answered.getResponseHeaders().put(HEADER, name));
        next.handleRequest(exchange);
    }

    /** "server-1 (port 41234)": which server is answering this request. */
    public static String answeredBy(HttpServerExchange exchange) {
        return exchange.getAttachment(ANSWERED_BY);
    }
}
