package locallibrary.web;

import io.undertow.UndertowOptions;
import io.undertow.server.AbstractServerConnection;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpOpenListener;
import io.undertow.util.AttachmentKey;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xnio.ChannelListeners;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.ConduitReadableByteChannel;
import org.xnio.conduits.Conduits;
import org.xnio.conduits.StreamSourceConduit;

/**
 * The head of a request (its request line and header lines) exactly as the client sent it: in its order,
 * with its spelling and case. Undertow parses the head into a hash map, which forgets the order, so the bytes
 * are kept before its parser sees them: each connection's incoming bytes pass through a {@link Recorder},
 * which cuts them into heads (skipping the bodies, whose length the head gives). This handler, first in the
 * chain, hands each exchange the next head of its connection; {@link UnderTheHood} shows it.
 */
public final class ReceivedHead implements HttpHandler {

    /** A head longer than this is not kept (browsers send 1 or 2 KiB); the panel then says so. */
    static final int MAX_BYTES = 16 * 1024;

    private static final AttachmentKey<List<String>> LINES = AttachmentKey.create(List.class);
    /** A connection's recorder, attached to Undertow's connection when its first request arrives. */
    private static final AttachmentKey<Recorder> RECORDER = AttachmentKey.create(Recorder.class);
    /**
     * Recorders of connections whose first request has not reached the handlers yet; those of connections
     * closed before sending one are dropped at the next accept. The map stays small: it is emptied as
     * requests arrive.
     */
    private static final Map<StreamConnection, Recorder> UNCLAIMED = new ConcurrentHashMap<>();

    private final HttpHandler next;

    public ReceivedHead(HttpHandler next) {
        this.next = next;
    }

    /**
     * Listens for HTTP on the address, as Undertow's own listener does, but with a {@link Recorder} under
     * each connection. Undertow's builder offers no hook before a connection's first read, hence our own.
     */
    public static AcceptingChannel<StreamConnection> listen(XnioWorker worker, InetSocketAddress address,
            HttpHandler root, OptionMap undertowOptions) throws IOException {
        // Undertow's builder turns this on for its listeners: answers to pipelined requests go out together.
        OptionMap options = OptionMap.builder().set(UndertowOptions.BUFFER_PIPELINED_DATA, true)
                .addAll(undertowOptions).getMap();
        HttpOpenListener http = new HttpOpenListener(new DefaultByteBufferPool(true, 16 * 1024 - 20), options);
        http.setRootHandler(root);
        AcceptingChannel<StreamConnection> channel = worker.createStreamConnectionServer(address,
                ChannelListeners.openListenerAdapter(connection -> {
                    UNCLAIMED.keySet().removeIf(open -> !open.isOpen());
                    Recorder recorder = new Recorder(connection.getSourceChannel().getConduit());
                    connection.getSourceChannel().setConduit(recorder);
                    UNCLAIMED.put(connection, recorder);
                    http.handleEvent(connection);
                }),
                OptionMap.create(Options.TCP_NODELAY, true, Options.REUSE_ADDRESSES, true));
        channel.resumeAccepts();
        return channel;
    }

    /** The lines of this request's head as received, or null when they could not be matched to it. */
    public static List<String> of(HttpServerExchange exchange) {
        return exchange.getAttachment(LINES);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        // Every exchange takes its head, in order, so that the next exchange on the connection gets the next one.
        Recorder recorder = recorderOf(exchange);
        if (recorder != null) {
            String query = exchange.getQueryString().isEmpty() ? "" : "?" + exchange.getQueryString();
            List<String> head = recorder.take(exchange.getRequestMethod() + " " + exchange.getRequestURI() + query
                    + " " + exchange.getProtocol());
            if (head != null) {
                exchange.putAttachment(LINES, head);
            }
        }
        next.handleRequest(exchange);
    }

    /** The lines of a head, each without its line break ("\r\n", or a bare "\n"). */
    static List<String> lines(String head) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int end = head.indexOf('\n'); end >= 0; start = end + 1, end = head.indexOf('\n', start)) {
            lines.add(head.substring(start, end > start && head.charAt(end - 1) == '\r' ? end - 1 : end));
        }
        lines.add(head.substring(start));
        return List.copyOf(lines);
    }

    /** The connection's recorder: moved from {@link #UNCLAIMED} to the connection by its first request. */
    private static Recorder recorderOf(HttpServerExchange exchange) {
        Recorder recorder = exchange.getConnection().getAttachment(RECORDER);
        if (recorder == null && exchange.getConnection() instanceof AbstractServerConnection connection) {
            recorder = UNCLAIMED.remove(connection.getChannel());
            if (recorder != null) {
                connection.putAttachment(RECORDER, recorder);
            }
        }
        return recorder;
    }

    /**
     * Sits under Undertow on one connection and sees every byte it reads. It keeps each head whole, skips
     * each body (Content-Length tells how long), and queues the heads until their exchanges take them.
     * A chunked body or an overlong head is not followed: from there on, this connection's heads are lost.
     */
    static final class Recorder extends AbstractStreamSourceConduit<StreamSourceConduit> {

        private final byte[] head = new byte[MAX_BYTES];
        private int length;
        private long bodyLeft;
        private boolean lost;
        /** Heads read but not yet taken: more than one only when a client pipelines its requests. */
        private final ArrayDeque<List<String>> heads = new ArrayDeque<>();

        Recorder(StreamSourceConduit next) {
            super(next);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            int start = dst.position();
            int read = next.read(dst);
            saw(dst, start);
            return read;
        }

        @Override
        public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
            int[] starts = new int[len];
            for (int i = 0; i < len; i++) {
                starts[i] = dsts[offs + i].position();
            }
            long read = next.read(dsts, offs, len);
            for (int i = 0; i < len; i++) {
                saw(dsts[offs + i], starts[i]);
            }
            return read;
        }

        // Transfers go through read() above, so that no byte passes unseen.
        @Override
        public long transferTo(long position, long count, FileChannel target) throws IOException {
            return target.transferFrom(new ConduitReadableByteChannel(this), position, count);
        }

        @Override
        public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
            return Conduits.transfer(this, count, throughBuffer, target);
        }

        /** The bytes just read into the buffer, from start to its position. */
        private synchronized void saw(ByteBuffer buffer, int start) {
            for (int i = start; i < buffer.position() && !lost; i++) {
                if (bodyLeft > 0) {
                    long skip = Math.min(bodyLeft, buffer.position() - i);
                    bodyLeft -= skip;
                    i += (int) skip - 1;
                } else if (length == 0 && (buffer.get(i) == '\r' || buffer.get(i) == '\n')) {
                    continue; // empty lines before a request line are allowed, and are not part of the head
                } else if (length == MAX_BYTES) {
                    lost = true;
                } else {
                    head[length++] = buffer.get(i);
                    if (head[length - 1] == '\n' && blankLineEnds()) {
                        headEnded();
                    }
                }
            }
        }

        /** Whether the line just ended is empty ("\r\n\r\n", or "\n\n"): the head is whole. */
        private boolean blankLineEnds() {
            return length >= 2 && head[length - 2] == '\n'
                    || length >= 4 && head[length - 2] == '\r' && head[length - 3] == '\n' && head[length - 4] == '\r';
        }

        /** A whole head: queue it, and learn from it how long its body is. */
        private void headEnded() {
            // ISO-8859-1 keeps each byte as one character, as Undertow reads header values.
            List<String> lines = lines(new String(head, 0, length, StandardCharsets.ISO_8859_1).stripTrailing());
            length = 0;
            heads.add(lines);
            for (String line : lines) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("transfer-encoding:")) {
                    lost = true;
                } else if (lower.startsWith("content-length:")) {
                    try {
                        bodyLeft = Long.parseLong(line.substring("content-length:".length()).trim());
                    } catch (NumberFormatException e) {
                        lost = true; // Undertow refuses this request and closes the connection anyway
                    }
                }
            }
        }

        /**
         * The oldest head with this request line; heads before it belonged to requests that never reached
         * the handlers (Undertow answered them itself), so they are dropped. Null when there is none.
         */
        synchronized List<String> take(String requestLine) {
            while (!heads.isEmpty()) {
                List<String> lines = heads.poll();
                if (lines.get(0).equals(requestLine)) {
                    return lines;
                }
            }
            return null;
        }
    }
}
