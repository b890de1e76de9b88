package locallibrary.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * Reads the whole request body before a worker thread is taken, on the IO thread and without waiting for
 * it: a client that sends its body slowly, or never, holds no worker, so it cannot stop the server from
 * answering everybody else. A body over {@link #MAX_BYTES} gets 413; one that has not arrived within
 * {@link #TIMEOUT_SECONDS} has its connection closed. Either way one log line, never a stack trace.
 * ({@code Main} switches off Undertow's own limit, MAX_ENTITY_SIZE: a chunked body past it gets no
 * answer, only a reset connection and a stack trace on the console.)
 */
public final class RequestBody implements HttpHandler {

    /** 2 MiB, a little under Django's DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB): a page's forms need far less. */
    public static final int MAX_BYTES = 2 * 1024 * 1024;
    /** However slowly it trickles in, a body must be complete within this time. */
    public static final int TIMEOUT_SECONDS = 20;

    private static final AttachmentKey<byte[]> BODY = AttachmentKey.create(byte[].class);
    private static final Logger LOG = Logger.getLogger(RequestBody.class.getName());

    private final HttpHandler next;

    public RequestBody(HttpHandler next) {
        this.next = next;
    }

    /** The body of this request, read in full (empty when it had none). */
    public static byte[] of(HttpServerExchange exchange) {
        byte[] body = exchange.getAttachment(BODY);
        return body == null ? new byte[0] : body;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.getRequestContentLength() > MAX_BYTES) {
            tooLarge(exchange); // said so in the headers: no need to read a byte of it
            return;
        }
        XnioExecutor.Key timeout = exchange.getIoThread().executeAfter(() -> {
            LOG.warning("Request Timeout: " + exchange.getRequestMethod() + " " + exchange.getRequestURI()
                    + ": the body did not arrive within " + TIMEOUT_SECONDS + " s; connection closed");
            exchange.setStatusCode(408); // so the request log says what happened, not 200
            IoUtils.safeClose(exchange.getConnection());
        }, TIMEOUT_SECONDS, TimeUnit.SECONDS);
        // A chunked body says nothing of its size: we find out as it arrives. Past MAX_BYTES we keep
        // nothing more but go on reading to its end, so that a client still sending gets our 413, not a
        // connection reset; the timeout above still bounds how long that may take.
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        exchange.getRequestReceiver().receivePartialBytes((reading, bytes, last) -> {
            if (kept.size() <= MAX_BYTES) {
                kept.write(bytes, 0, bytes.length);
            }
            if (!last) {
                return;
            }
            timeout.remove();
            if (kept.size() > MAX_BYTES) {
                tooLarge(reading);
                return;
            }
            reading.putAttachment(BODY, kept.toByteArray());
            try {
                next.handleRequest(reading);
            } catch (Exception e) {
                LOG.log(Level.SEVERE, "Internal Server Error: " + reading.getRequestURI(), e);
                reading.setStatusCode(500);
                reading.endExchange();
            }
        }, (failed, e) -> {
            timeout.remove();
            // The client went away, or the timeout closed the connection: nobody is left to answer.
            LOG.info("Request body not received: " + failed.getRequestURI() + ": " + e.getMessage());
            IoUtils.safeClose(failed.getConnection());
        });
    }

    /** Django raises RequestDataTooBig here; 413 says exactly what is wrong. */
    private static void tooLarge(HttpServerExchange exchange) {
        LOG.warning("Request Entity Too Large: " + exchange.getRequestMethod() + " " + exchange.getRequestURI()
                + ": the body is over " + MAX_BYTES + " bytes");
        exchange.setPersistent(false); // a body left unread must not be taken for the next request: close
        exchange.setStatusCode(413);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
        exchange.getResponseSender().send("<h1>Request Entity Too Large (413)</h1>");
    }
}
