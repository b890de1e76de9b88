package locallibrary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.htmlunit.WebClient;

/** The real server, started on a free port for one test, as a learner would start it. */
final class TestServer implements AutoCloseable {

    private final Map<String, String> settings;
    private final boolean ownsDatabase;
    private Main.Server server;

    private TestServer(Map<String, String> settings) {
        Map<String, String> withDatabase = new HashMap<>(settings);
        // Each test server gets its own database file, unless the test names one; close() deletes it.
        ownsDatabase = !settings.containsKey("DATABASE_PATH");
        if (ownsDatabase) {
            withDatabase.put("DATABASE_PATH", temporaryDatabase().toString());
        }
        this.settings = withDatabase;
        try {
            this.server = Main.start(Settings.load(this.settings), 0);
        } catch (RuntimeException e) {
            deleteOwnDatabase(); // a server that did not start leaves nothing behind either
            throw e;
        }
    }

    /** A fresh file in a fresh folder; whoever asks for one deletes the folder when done (deleteFolder). */
    static Path temporaryDatabase() {
        try {
            return Files.createTempDirectory("step-test-").resolve("db.sqlite3");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a folder and all it holds. What cannot be deleted stays: cleaning up never fails a test. */
    static void deleteFolder(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // left in the system's temporary folder
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
        deleteOwnDatabase(); // once stopped: nothing writes to it any more
    }

    /** The database folder made for this server (its WAL files too); a folder the test named is the test's. */
    private void deleteOwnDatabase() {
        if (ownsDatabase) {
            deleteFolder(databasePath().getParent());
        }
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
