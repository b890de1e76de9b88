package locallibrary;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import locallibrary.catalog.Catalog;
import locallibrary.sessions.DatabaseSessionStore;
import locallibrary.sessions.SessionMiddleware;
import locallibrary.sessions.SessionNotes;
import locallibrary.sessions.SessionStore;
import locallibrary.web.CommonMiddleware;
import locallibrary.web.ConvertExceptionToResponse;
import locallibrary.web.OnAWorkerThread;
import locallibrary.web.ReceivedHead;
import locallibrary.web.RequestBody;
import locallibrary.web.RequestLog;
import locallibrary.web.SecurityMiddleware;
import locallibrary.web.SendResponse;
import locallibrary.web.StaticFiles;
import locallibrary.web.UnderTheHood;
import locallibrary.web.XFrameOptionsMiddleware;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.StreamConnection;
import org.xnio.channels.AcceptingChannel;

/**
 * Starts the development server, like Django's {@code python manage.py runserver}.
 *
 * <p>Run it with {@code mvn -q -pl <step> compile exec:java}; {@code -Dport=8001} picks another port,
 * {@code -Dport=0} a free one.
 */
public final class Main {

    public static final String HOST = "127.0.0.1";
    /** How long a connection may stay silent, in the middle of a request or between two, before it is closed. */
    public static final int IDLE_TIMEOUT_MILLIS = 10_000;

    // Held in a field so that the garbage collector does not drop the levels set on these loggers.
    private static final List<Logger> QUIET_LIBRARIES = configureLogging();

    public static void main(String[] args) {
        try {
            Settings settings = Settings.load();
            if (args.length > 0) {
                // -Dexec.args="clearsessions": a management command instead of the server.
                System.exit(Manage.run(settings, args));
            }
            int port = Settings.port();
            Server server = start(settings, port);
            if (settings.usesDevelopmentSecretKey()) {
                System.out.println("WARNING: SECRET_KEY is the development key from settings.properties. It is public:"
                        + " anyone can forge session data signed with it. Set your own with -DSECRET_KEY=...");
            } else if (isWeak(settings.SECRET_KEY)) {
                System.out.println(WEAK_SECRET_KEY);
            }
            for (String changed : settings.changedFromDjangosDefaults()) {
                System.out.println("Setting changed from Django's default: " + changed);
            }
            System.out.println("Starting development server at http://" + HOST + ":" + server.port() + "/");
            System.out.println("Quit the server with CONTROL-C.");
            // Ctrl-C: finish the requests in flight, then stop.
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "shutdown"));
        } catch (ImproperlyConfigured | PortInUse | DatabaseError e) {
            // One clear line, no stack trace: the learner can fix this alone.
            System.err.println("Error: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Django's deploy check, security.W009, word for word. */
    static final String WEAK_SECRET_KEY = "WARNING: (security.W009) Your SECRET_KEY has less than 50 characters or"
            + " less than 5 unique characters. Please generate a long and random SECRET_KEY, otherwise many of"
            + " Django's security-critical features will be vulnerable to attack.";

    /** A short key, or one of few characters, can be guessed; then anyone can forge signed session data. */
    static boolean isWeak(String secretKey) {
        return secretKey.length() < 50 || secretKey.chars().distinct().count() < 5;
    }

    // region:handler-chain
    /** Builds the handler chain (Django's middleware stack around the views) and starts listening. */
    public static Server start(Settings settings, int port) {
        Database db = Database.open(settings.DATABASE_PATH);
        HttpHandler app = Urls.patterns(new Catalog(db));
        SessionStore store = new DatabaseSessionStore(db, settings.SECRET_KEY);
        app = new SessionMiddleware(app, settings, store);
        app = new SessionNotes(app, settings, store); // the panel's words for what the middleware decided
        app = new UnderTheHood(app);                 // adds the panel: what the inner handlers did
        app = new ConvertExceptionToResponse(app);   // any exception: Django's 500 page, one log line
        app = new SendResponse(app);                 // the page goes out once everything is done
        app = new OnAWorkerThread(app);               // views, templates, files: off the IO thread
        app = new RequestBody(app);                   // the whole body arrives before a worker is taken
        app = StaticFiles.under("/static/", app);      // /static/... never reaches the views
        app = new CommonMiddleware(app, settings.ALLOWED_HOSTS); // Host: evil.example gets 400
        app = new XFrameOptionsMiddleware(new SecurityMiddleware(app)); // Django's security headers, every answer
        app = new ReceivedHead(app);                  // the head as the client sent it, for the panel
        GracefulShutdownHandler root = new GracefulShutdownHandler(new RequestLog(app));

        OptionMap options = OptionMap.builder()
                // A client that stops sending (headers, body, or anything at all) is disconnected.
                .set(UndertowOptions.REQUEST_PARSE_TIMEOUT, IDLE_TIMEOUT_MILLIS)
                .set(UndertowOptions.NO_REQUEST_TIMEOUT, IDLE_TIMEOUT_MILLIS)
                .set(UndertowOptions.IDLE_TIMEOUT, IDLE_TIMEOUT_MILLIS)
                // 0: no body limit of Undertow's own, which resets the connection; RequestBody's answers 413.
                .set(UndertowOptions.MAX_ENTITY_SIZE, 0L)
                .getMap();
        // Its threads (the listener is ReceivedHead's): two workers per core, not Undertow's eight. The views take
        // turns at the one database connection: among many threads waiting for it, some wait tens of ms (chapter 07).
        Undertow undertow = Undertow.builder().setWorkerThreads(2 * Runtime.getRuntime().availableProcessors()).build();
        undertow.start();
        try {
            return new Server(undertow, root, db,
                    ReceivedHead.listen(undertow.getWorker(), new InetSocketAddress(HOST, port), root, options));
        } catch (IOException e) {
            undertow.stop();
            db.close();
            if (e instanceof BindException) {
                throw new PortInUse(port);
            }
            throw new UncheckedIOException(e);
        }
    }
    // endregion:handler-chain

    /** A running server: its port, and a clean stop. */
    public record Server(Undertow undertow, GracefulShutdownHandler root, Database db,
            AcceptingChannel<StreamConnection> listener) {
        public int port() {
            return listener.getLocalAddress(InetSocketAddress.class).getPort();
        }

        /**
         * Lets the requests in flight finish (for up to five seconds), then stops listening and closes the
         * database.
         */
        public void stop() {
            root.shutdown();
            try {
                root.awaitShutdown(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            IoUtils.safeClose(listener);
            undertow.stop();
            db.close();
        }
    }

    /** The port asked for is taken by another program (perhaps another step still running). */
    static final class PortInUse extends RuntimeException {
        PortInUse(int port) {
            super("That port is already in use. Stop the other server, or start on another port: -Dport="
                    + freePortAfter(port));
        }

        /**
         * The first of the next ten ports that is free right now, so that the advice works when tried;
         * if all ten are taken, "0 (any free port)": with -Dport=0 the system picks one.
         */
        static String freePortAfter(int port) {
            for (int next = port + 1; next <= Math.min(port + 10, 65535); next++) {
                try (ServerSocket probe = new ServerSocket()) {
                    probe.bind(new InetSocketAddress(HOST, next));
                    return String.valueOf(next);
                } catch (IOException taken) {
                    // taken too: try the one after
                }
            }
            return "0 (any free port)";
        }
    }

    /** One line per log record, and only warnings from the libraries (their start-up chatter hides our banner). */
    private static List<Logger> configureLogging() {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%6$s%n");
        List<Logger> libraries = new ArrayList<>();
        for (String name : new String[] {"org.xnio", "org.jboss", "io.undertow"}) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(Level.WARNING);
            libraries.add(logger);
        }
        return libraries;
    }

    private Main() {
    }
}
