package locallibrary;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load balancer and its app servers, real processes, started for one test as a learner starts them
 * (on a free port). Its console is kept, line by line, so that a test can wait for what it should say.
 */
final class TestBalancer implements AutoCloseable {

    private final Console console = new Console();
    private final Map<String, String> settings;
    private final boolean ownsDatabase;
    private final LoadBalancer balancer;

    private TestBalancer(Map<String, String> settings, int servers) {
        Map<String, String> withDatabase = new HashMap<>(settings);
        // The app servers share one database file, unless the test names one: a fresh one, deleted by close().
        ownsDatabase = !settings.containsKey("DATABASE_PATH");
        if (ownsDatabase) {
            withDatabase.put("DATABASE_PATH", TestServer.temporaryDatabase().toString());
        }
        this.settings = withDatabase;
        this.balancer = LoadBalancer.start(this.settings, servers, 0,
                new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    /** Two app servers behind the balancer, with the default settings (the db engine, one SQLite file). */
    static TestBalancer start() {
        return start(Map.of(), 2);
    }

    /** With some settings changed, as -DNAME=value given to the balancer would, and this many app servers. */
    static TestBalancer start(Map<String, String> settings, int servers) {
        return new TestBalancer(settings, servers);
    }

    /** The balancer's address, the one browsers use: "http://127.0.0.1:41234/". */
    String url() {
        return balancer.url();
    }

    String url(String path) {
        return balancer.url() + path.replaceFirst("^/", "");
    }

    LoadBalancer balancer() {
        return balancer;
    }

    Path databasePath() {
        return Path.of(settings.get("DATABASE_PATH"));
    }

    /** The app server of that name ("server-1"). */
    AppServer server(String name) {
        return balancer.servers().stream().filter(server -> server.name().equals(name)).findFirst().orElseThrow();
    }

    /** Kills an app server at once (SIGKILL), as a crash would. */
    void kill(String name) {
        balancer.kill(name);
    }

    /** Every line the balancer's console has shown so far. */
    List<String> lines() {
        return console.lines();
    }

    /** Waits (up to a minute) for a console line that contains a match, and returns the match. */
    Matcher awaitLine(Pattern pattern) throws InterruptedException {
        return console.await(pattern, 60_000);
    }

    @Override
    public void close() {
        balancer.stop(); // returns once every app server has ended: nothing writes to the file any more
        if (ownsDatabase) {
            TestServer.deleteFolder(databasePath().getParent());
        }
    }

    /** The balancer's console: lines kept, and echoed to the test's output (target/surefire-reports). */
    private static final class Console extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final List<String> lines = new ArrayList<>();

        @Override
        public synchronized void write(int b) {
            if (b != '\n') {
                line.write(b);
                return;
            }
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            System.out.println("balancer> " + text);
            lines.add(text);
            notifyAll();
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        synchronized Matcher await(Pattern pattern, long timeoutMillis) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            for (int seen = 0; ; ) {
                for (; seen < lines.size(); seen++) {
                    Matcher matcher = pattern.matcher(lines.get(seen));
                    if (matcher.find()) {
                        return matcher;
                    }
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("the balancer never said /" + pattern + "/; it said:\n"
                            + String.join("\n", lines));
                }
                wait(left); // woken by the next line
            }
        }
    }
}
