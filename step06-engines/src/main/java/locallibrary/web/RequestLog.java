package locallibrary.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.io.PrintStream;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints one line per request once it is answered, like runserver: [date] "GET / HTTP/1.1" 200 1234.
 * A thread of its own does the printing: if nobody reads the server's output (a full pipe), that thread
 * waits, the lines that do not fit in its queue are dropped and counted, and no request ever waits.
 */
public final class RequestLog implements HttpHandler {

    /** Lines waiting to be printed; beyond this many, new ones are dropped. */
    public static final int QUEUE_SIZE = 1000;

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy HH:mm:ss", Locale.US);
    private static final BlockingQueue<Line> LINES = new ArrayBlockingQueue<>(QUEUE_SIZE);
    private static final AtomicLong DROPPED = new AtomicLong();

    static {
        Thread printer = new Thread(RequestLog::printLines, "request-log");
        printer.setDaemon(true); // never keeps the server from stopping
        printer.start();
    }

    /** A line to print, and where: the output the server started with. */
    private record Line(PrintStream out, String text) {
    }

    private final HttpHandler next;
    private final PrintStream out = System.out;

    public RequestLog(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        exchange.addExchangeCompleteListener((done, nextListener) -> {
            String query = done.getQueryString().isEmpty() ? "" : "?" + done.getQueryString();
            String line = String.format("[%s] \"%s %s%s %s\" %d %d", DATE.format(ZonedDateTime.now()),
                    done.getRequestMethod(), done.getRequestPath(), query, done.getProtocol(),
                    done.getStatusCode(), done.getResponseBytesSent());
            if (!LINES.offer(new Line(out, line))) {
                DROPPED.incrementAndGet();
            }
            nextListener.proceed();
        });
        next.handleRequest(exchange);
    }

    /** The printer thread: one line, one write (System.out flushes each write), for as long as the JVM runs. */
    private static void printLines() {
        try {
            while (true) {
                Line line = LINES.take();
                long dropped = DROPPED.getAndSet(0);
                if (dropped > 0) {
                    line.out().println("[" + dropped + " request log lines dropped: the output was not being read]");
                }
                line.out().println(line.text());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
