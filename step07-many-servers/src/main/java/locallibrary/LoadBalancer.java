package locallibrary;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.Connectors;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.server.handlers.proxy.LoadBalancingProxyClient;
import io.undertow.server.handlers.proxy.ProxyHandler;
import io.undertow.util.ImmediatePooledByteBuffer;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import locallibrary.web.RequestBody;

/**
 * The load balancer in front of the app servers, as nginx or a cloud's balancer would be: Undertow's own
 * reverse proxy. It hands each request to the next app server in turn (round robin) and sticks no browser
 * to a server, so one browser's requests alternate between them: its session must be where all can read it.
 *
 * <p>It starts its app servers and stops them; one that dies is reported and left out.
 */
public final class LoadBalancer {

    /** Requests that may wait for a connection to an app server; more get 503 Service Unavailable. */
    static final int QUEUE_SIZE = 1000;
    /** The exit code of a JVM stopped by Ctrl-C. */
    private static final int CTRL_C = 130;
    /** Undertow's proxy logs a failed request with a stack trace; held here, so that its filter stays set. */
    private static final Logger PROXY_LOG = inOneLine(Logger.getLogger("io.undertow.proxy"));

    private final Undertow undertow;
    private final GracefulShutdownHandler root;
    private final LoadBalancingProxyClient proxy;
    private final List<AppServer> servers = new CopyOnWriteArrayList<>();
    private final PrintStream console;
    private volatile boolean stopping;

    private LoadBalancer(Undertow undertow, GracefulShutdownHandler root, LoadBalancingProxyClient proxy,
            PrintStream console) {
        this.undertow = undertow;
        this.root = root;
        this.proxy = proxy;
        this.console = console;
    }

    /**
     * Listens on the port, then starts {@code count} app servers with these settings (as -D properties),
     * and sends requests to them once each listens.
     */
    public static LoadBalancer start(Map<String, String> settings, int count, int port, PrintStream console) {
        // region:proxy
        // No sticky sessions: Undertow's proxy would follow a JSESSIONID cookie to its server; ours is ignored.
        LoadBalancingProxyClient proxy = new LoadBalancingProxyClient().removeSessionCookieName("JSESSIONID")
                // When every connection to the app servers is busy, a request waits for one, as behind
                // nginx; Undertow's default (no queue) would answer 503 at once.
                .setMaxQueueSize(QUEUE_SIZE);
        // A server that refuses the connection (it has just died): the request goes to the next one.
        ProxyHandler handler = ProxyHandler.builder().setProxyClient(proxy).setMaxConnectionRetries(count).build();
        // endregion:proxy
        // region:slow-clients
        // The whole body arrives before the proxy takes a connection to an app server, as on the app servers:
        // a slow client holds none of them, over 2 MiB gets 413, and after 20 s the connection is closed.
        GracefulShutdownHandler root = new GracefulShutdownHandler(new RequestBody(bodyPutBack(handler)));
        Undertow undertow = Undertow.builder().addHttpListener(port, Main.HOST).setHandler(root)
                // The app servers' limits: a client that stops sending (headers, body, anything) is disconnected.
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, Main.IDLE_TIMEOUT_MILLIS)
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, Main.IDLE_TIMEOUT_MILLIS)
                .setServerOption(UndertowOptions.IDLE_TIMEOUT, Main.IDLE_TIMEOUT_MILLIS)
                // 0, as there: Undertow's own body limit resets the connection; RequestBody's answers 413.
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, 0L)
                .build();
        // endregion:slow-clients
        try {
            undertow.start();
        } catch (RuntimeException e) {
            if (e.getCause() instanceof BindException) {
                throw new Main.PortInUse(port);
            }
            throw e;
        }
        LoadBalancer balancer = new LoadBalancer(undertow, root, proxy, console);
        try {
            for (int i = 1; i <= count; i++) {
                balancer.servers.add(AppServer.launch("server-" + i, settings)); // they start side by side
            }
            for (AppServer server : balancer.servers) {
                server.awaitListening(console);
                console.println("Started " + server.name() + " at http://" + Main.HOST + ":" + server.port()
                        + "/ (pid " + server.pid() + ")");
                proxy.addHost(server.uri());
                server.process().onExit().thenRun(() -> balancer.died(server));
            }
        } catch (RuntimeException e) {
            balancer.stop();
            throw e;
        }
        console.println("Starting load balancer at " + balancer.url() + " (round robin over " + count
                + " app server" + (count == 1 ? "" : "s") + ")");
        return balancer;
    }

    // region:body-put-back
    /** The body RequestBody has read, given back to the request: the proxy reads it again to send it on. */
    private static HttpHandler bodyPutBack(ProxyHandler proxy) {
        return exchange -> {
            byte[] body = RequestBody.of(exchange);
            if (body.length > 0) {
                // As Undertow's own RequestBufferingHandler does it.
                Connectors.ungetRequestBytes(exchange, new ImmediatePooledByteBuffer(ByteBuffer.wrap(body)));
                Connectors.resetRequestChannel(exchange);
            }
            proxy.handleRequest(exchange);
        };
    }
    // endregion:body-put-back

    /**
     * A failed proxy request (its app server died, or closed the connection) is no bug in this code: one
     * line, the exception's name and message, says what happened; a stack trace would only hide it.
     */
    private static Logger inOneLine(Logger logger) {
        logger.setFilter(record -> {
            if (record.getThrown() != null) {
                record.setMessage(record.getMessage() + ": " + record.getThrown());
                record.setThrown(null);
            }
            return true;
        });
        return logger;
    }

    /** A crash, not a stop: said in one line, and the server gets no more requests. */
    private void died(AppServer server) {
        // Ctrl-C in a terminal reaches every process started from it: the app servers stop (exit code 130,
        // 128 + SIGINT) as the balancer does, and that is no crash.
        if (stopping || server.process().exitValue() == CTRL_C) {
            return;
        }
        proxy.removeHost(server.uri());
        String others = servers.stream().filter(AppServer::isAlive).map(AppServer::name)
                .collect(Collectors.joining(", "));
        console.println(server.name() + " (pid " + server.pid() + ") stopped unexpectedly with exit code "
                + server.process().exitValue() + ": " + (others.isEmpty()
                        ? "no app server is left, the balancer answers 503 Service Unavailable"
                        : "the balancer now sends every request to " + others));
    }

    public int port() {
        return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** The balancer's address, the one browsers use: "http://127.0.0.1:8000/". */
    public String url() {
        return "http://" + Main.HOST + ":" + port() + "/";
    }

    /** The app servers it started, alive or not, in order: server-1 first. */
    public List<AppServer> servers() {
        return List.copyOf(servers);
    }

    /** Kills one app server at once (SIGKILL), as a crash would; the balancer reports it and goes on. */
    public void kill(String serverName) {
        servers.stream().filter(server -> server.name().equals(serverName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no app server is called " + serverName))
                .kill();
    }

    /**
     * Ctrl-C: stops taking requests (those in flight finish, for up to five seconds), then stops every app
     * server and waits until each has ended.
     */
    public void stop() {
        stopping = true;
        root.shutdown();
        try {
            root.awaitShutdown(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        undertow.stop();
        // All are asked at once, then awaited: they stop side by side.
        servers.forEach(server -> server.process().destroy());
        servers.forEach(AppServer::stop);
    }
}
