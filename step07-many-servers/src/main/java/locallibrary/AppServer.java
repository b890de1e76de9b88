package locallibrary;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One app server behind the load balancer: this step's server in a JVM of its own (a separate process, as
 * on a separate machine), started by the balancer with the same class path and the same settings.
 *
 * <p>Its output reaches the balancer's console, each line prefixed with its name ("server-1 | ..."), so
 * that a learner watches one terminal.
 */
public final class AppServer {

    /** The system property that names an app server: with it, {@link Main} serves behind the balancer. */
    static final String NAME = "server.name";

    /** The line an app server prints when it listens: the balancer learns its port from it. */
    private static final Pattern LISTENING = Pattern.compile("listening at http://127\\.0\\.0\\.1:(\\d+)/");

    private final String name;
    private final Process process;
    private final BufferedReader output;
    private int port;

    private AppServer(String name, Process process) {
        this.name = name;
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** This process's name behind the balancer ("server-1"); a server started alone is server-1 too. */
    public static String nameOfThisProcess() {
        return System.getProperty(NAME, "server-1");
    }

    // region:launch
    /** Starts the process; {@link #awaitListening} waits for it to be ready. */
    static AppServer launch(String name, Map<String, String> settings) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(classPath());
        command.add("-D" + NAME + "=" + name);
        // Every setting the balancer was given, as -D properties: all servers must agree (the same SECRET_KEY).
        settings.forEach((setting, value) -> command.add("-D" + setting + "=" + value));
        command.add(Main.class.getName());
        try {
            // Its standard input stays open: when the balancer's process ends, however it ends, the app
            // server reads the end of it and stops too, so no server is left running on its own.
            return new AppServer(name, new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }
    // endregion:launch

    /**
     * Reads the server's output up to its "listening" line (what comes before, an error perhaps, is shown),
     * then passes every further line on to the console, prefixed with the server's name.
     */
    void awaitListening(PrintStream console) {
        try {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                Matcher listening = LISTENING.matcher(line);
                if (listening.find()) {
                    port = Integer.parseInt(listening.group(1));
                    Thread relay = new Thread(() -> relay(console), name + "-output");
                    relay.setDaemon(true);
                    relay.start();
                    return;
                }
                console.println(name + " | " + line);
            }
        } catch (IOException e) {
            // the process ended: said below
        }
        throw new DidNotStart(name + " stopped before it was ready (exit code " + exitCode() + ")");
    }

    private void relay(PrintStream console) {
        try {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                console.println(name + " | " + line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Asks the server to stop as Ctrl-C would (its requests in flight finish), and waits until it has. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the server at once (SIGKILL), as a crash or the out-of-memory killer would. */
    void kill() {
        process.destroyForcibly();
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    Process process() {
        return process;
    }

    URI uri() {
        return URI.create("http://" + Main.HOST + ":" + port);
    }

    private int exitCode() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * The class path this JVM runs with. Under {@code mvn exec:java}, Maven loads the step's classes with a
     * class loader of its own, and under Surefire java.class.path is a launcher jar: ask them, not it.
     */
    private static String classPath() {
        if (AppServer.class.getClassLoader() instanceof URLClassLoader loader && loader.getURLs().length > 0) {
            StringJoiner path = new StringJoiner(java.io.File.pathSeparator);
            for (URL url : loader.getURLs()) {
                try {
                    path.add(Path.of(url.toURI()).toString());
                } catch (URISyntaxException e) {
                    throw new IllegalStateException(e);
                }
            }
            return path.toString();
        }
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** An app server ended before it listened; its own lines, shown above, say why. */
    static final class DidNotStart extends RuntimeException {
        DidNotStart(String message) {
            super(message);
        }
    }

    /** Keeps a process's standard input open, and reads it to its end: the balancer's end. */
    static void stopWhenTheBalancerStops() {
        Thread watch = new Thread(() -> {
            try {
                System.in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // the pipe broke: the balancer is gone just the same
            }
            System.exit(0); // the shutdown hook stops the server cleanly
        }, "balancer-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
