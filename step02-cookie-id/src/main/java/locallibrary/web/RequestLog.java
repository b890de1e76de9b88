package locallibrary.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Prints one line per request once it is answered, like runserver: [date] "GET / HTTP/1.1" 200 1234. */
public final class RequestLog implements HttpHandler {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy HH:mm:ss", Locale.US);

    private final HttpHandler next;

    public RequestLog(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        exchange.addExchangeCompleteListener((done, nextListener) -> {
            String query = done.getQueryString().isEmpty() ? "" : "?" + done.getQueryString();
            // One line, one write: printf would write each piece separately, and System.out flushes each write.
            System.out.println(String.format("[%s] \"%s %s%s %s\" %d %d", DATE.format(ZonedDateTime.now()),
                    done.getRequestMethod(), done.getRequestPath(), query, done.getProtocol(),
                    done.getStatusCode(), done.getResponseBytesSent()));
            nextListener.proceed();
        });
        next.handleRequest(exchange);
    }
}
