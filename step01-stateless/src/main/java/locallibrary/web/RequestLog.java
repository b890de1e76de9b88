package locallibrary.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.PrintStream;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints one line per request as it is answered, like runserver: [date] "GET / HTTP/1.1" 200 1234.
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
        // Written down as the answer starts to go out, not once it has gone: a browser's next request, sent
        // when it has this answer, is then always logged after this one.
        exchange.addResponseCommitListener(answered -> {
            String query = answered.getQueryString().isEmpty() ? "" : "?" + answered.getQueryString();
            String length = answered.getResponseHeaders().getFirst(Headers.CONTENT_LENGTH);
            // As sent, not decoded, as Django's runserver logs its request line: Undertow refuses a request line
            // holding a control character, so a %0D%0A stays six characters and cannot start a forged log line.
            String path = answered.getRequestURI() + query;
            // Joined with +, not String.format: the same line, without parsing a format on every request.
            String line = "[" + DATE.format(ZonedDateTime.now()) + "] \"" + answered.getRequestMethod() + " "
                    + path + " " + answered.getProtocol() + "\" "
                    + answered.getStatusCode() + " " + (length == null ? "-" : length);
            if (!LINES.offer(new Line(out, line))) {
                DROPPED.incrementAndGet();
            }
        });
        next.handleRequest(exchange);
    }

    /**
     * The printer thread, for as long as the JVM runs: it waits for a line, then prints it with every line
     * queued behind it in one write (System.out flushes each write), so a busy server makes few writes.
     */
    private static void printLines() {
        List<Line> waiting = new ArrayList<>();
        try {
            while (true) {
                waiting.add(LINES.take());
                LINES.drainTo(waiting);
                long dropped = DROPPED.getAndSet(0);
                if (dropped > 0) {
                    waiting.get(0).out().println("[" + dropped
                            + " request log lines dropped: the output was not being read]");
                }
                print(waiting);
                waiting.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The lines in order, each run of lines for the same output in one write. */
    private static void print(List<Line> lines) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            text.append(lines.get(i).text()).append(System.lineSeparator());
            if (i + 1 == lines.size() || lines.get(i + 1).out() != lines.get(i).out()) {
                lines.get(i).out().print(text);
                text.setLength(0);
            }
        }
    }
}
