package locallibrary;

import java.util.Map;
import org.htmlunit.WebClient;

/** The real server, started on a free port for one test, as a learner would start it. */
final class TestServer implements AutoCloseable {

    private final Map<String, String> settings;
    private Main.Server server;

    private TestServer(Map<String, String> settings) {
        this.settings = settings;
        this.server = Main.start(Settings.load(settings), 0);
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
