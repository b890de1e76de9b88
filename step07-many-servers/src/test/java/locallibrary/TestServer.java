package locallibrary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.htmlunit.WebClient;

/** The real server, started on a free port for one test, as a learner would start it. */
final class TestServer implements AutoCloseable {

    private final Map<String, String> settings;
    private Main.Server server;

    private TestServer(Map<String, String> settings) {
        Map<String, String> withDatabase = new HashMap<>(settings);
        // Each test server gets its own database file, unless the test names one.
        withDatabase.putIfAbsent("DATABASE_PATH", temporaryDatabase().toString());
        this.settings = withDatabase;
        this.server = Main.start(Settings.load(this.settings), 0);
    }

    /** A fresh file in a fresh folder, removed when the JVM exits. */
    static Path temporaryDatabase() {
        try {
            Path folder = Files.createTempDirectory("step-test-");
            folder.toFile().deleteOnExit();
            return folder.resolve("db.sqlite3");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The database file this server uses. */
    Path databasePath() {
        return Path.of(settings.get("DATABASE_PATH"));
    }

    /** The running server's own database connection, to cause trouble on it as a full disk would. */
    Database database() {
        return server.db();
    }

    static TestServer start() {
        return new TestServer(Map.of());
    }

    /** With some settings changed, as -DNAME=value would. */
    static TestServer start(Map<String, String> settings) {
        return new TestServer(settings);
    }

    String url(String path) {
        return "http://" + Main.HOST + ":" + server.port() + path;
    }

    /** Stops the server and starts a new one with the same settings (on a new port). */
    void restart() {
        server.stop();
        server = Main.start(Settings.load(settings), 0);
    }

    @Override
    public void close() {
        server.stop();
    }

    /** A browser with its own cookies; JavaScript and CSS off, 4xx and 5xx pages returned, not thrown. */
    static WebClient browser() {
        WebClient browser = new WebClient();
        browser.getOptions().setJavaScriptEnabled(false);
        browser.getOptions().setCssEnabled(false);
        browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
        return browser;
    }
}
