package tutorial;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One step's development server, run as its own process, as a reader of the chapter would run it with
 * {@code mvn -q -pl stepNN-x compile exec:java} but without Maven's start-up time:
 * {@code java -cp <step>/target/classes:<the libraries in <step>/target/classpath.txt> -Dport=0
 * -DDATABASE_PATH=... locallibrary.Main} (DATABASE_PATH only for a step that has the setting).
 * It runs in a fresh temporary folder with a fresh database, so no run sees another's sessions, or in a
 * folder the caller gives (a chapter's one folder, kept across restarts) with its database where the
 * chapters say it is, {@code <folder>/stepNN-x/db.sqlite3}.
 */
final class StepServer implements AutoCloseable {

    /** Where a step serves: its development server, or from step 07 on the load balancer in front of its app servers. */
    private static final Pattern BANNER = Pattern.compile(
            "^Starting (?:development server|load balancer) at http://127\\.0\\.0\\.1:(\\d+)/");
    private static final String BANNER_END = "Quit the server with CONTROL-C.";
    private static final long START_SECONDS = 30;

    final String step;
    /** The -DNAME=value settings it was started with. */
    final List<String> settings;
    final Path workDir;
    final Path database;
    private final Process process;
    private final List<String> output = new ArrayList<>(); // guarded by itself
    private final Thread reader;
    private int port = -1;
    /** The processes it started that were still running 10 s after it stopped, and were killed then. */
    private final List<String> leftBehind = new ArrayList<>();

    private final List<String> javaCommand;
    private final boolean ownsWorkDir;

    private StepServer(String step, List<String> settings, Path workDir, Path database, boolean ownsWorkDir,
            Process process, List<String> javaCommand) {
        this.step = step;
        this.settings = List.copyOf(settings);
        this.javaCommand = javaCommand;
        this.workDir = workDir;
        this.database = database;
        this.ownsWorkDir = ownsWorkDir;
        this.process = process;
        this.reader = new Thread(this::readOutput, step + " output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the step and waits for its banner; fails with everything it printed if that does not come. */
    static StepServer start(Repo repo, String step, List<String> settings) throws IOException, InterruptedException {
        Path workDir = Files.createTempDirectory("tutorial-" + step + "-");
        return start(repo, step, settings, workDir, workDir.resolve("db.sqlite3"), true);
    }

    /**
     * Starts the step in {@code workDir}, which outlives the server, with its database at workDir/step/db.sqlite3.
     * {@code settings} are the flags as the chapter shows them; the process gets {@code given} (the same flags,
     * but for the ports of a replay's own services).
     */
    static StepServer startIn(Path workDir, Repo repo, String step, List<String> settings, List<String> given)
            throws IOException, InterruptedException {
        Path database = Files.createDirectories(workDir.resolve(step)).resolve("db.sqlite3");
        return start(repo, step, settings, given, workDir, database, false);
    }

    private static StepServer start(Repo repo, String step, List<String> settings, Path workDir, Path database,
            boolean ownsWorkDir) throws IOException, InterruptedException {
        return start(repo, step, settings, settings, workDir, database, ownsWorkDir);
    }

    private static StepServer start(Repo repo, String step, List<String> settings, List<String> given, Path workDir,
            Path database, boolean ownsWorkDir) throws IOException, InterruptedException {
        Path classes = repo.resolve(step).resolve("target/classes");
        Path libraries = repo.resolve(step).resolve("target/classpath.txt");
        if (!Files.isDirectory(classes) || !Files.isRegularFile(libraries)) {
            throw new AssertionError(classes + " or " + libraries + " is missing: build the steps first"
                    + " (`mvn verify` at the root packages every step before the tutorial's tests)");
        }
        List<String> javaCommand = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classes + File.pathSeparator + Files.readString(libraries).strip()));
        // Only a step with a database has the setting: the others refuse a setting they do not know.
        Path settingsFile = classes.resolve("settings.properties");
        if (Files.isRegularFile(settingsFile) && Files.readString(settingsFile).contains("DATABASE_PATH=")) {
            javaCommand.add("-DDATABASE_PATH=" + database);
        }
        javaCommand.addAll(given);
        javaCommand.add("locallibrary.Main");
        List<String> command = new ArrayList<>(javaCommand);
        command.add(1, "-Dport=0");
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true) // a terminal shows both; so do the chapters
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        StepServer server = new StepServer(step, settings, workDir, database, ownsWorkDir, process, javaCommand);
        try {
            server.awaitBanner();
        } catch (AssertionError | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    int port() {
        return port;
    }

    /** The process's id: the parent of the processes it starts. */
    long pid() {
        return process.pid();
    }

    /** What the server printed so far (banner, request log, ...). */
    List<String> outputSoFar() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    /**
     * Waits until what the server printed passes {@code test}, for at most {@code millis}; says whether it
     * did. A request's log line is printed once the response is complete, which may be just after the
     * client has read the response: stopping the server at once could lose it.
     */
    boolean awaitOutput(Predicate<List<String>> test, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (output) {
            while (!test.test(List.copyOf(output))) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                output.wait(left);
            }
            return true;
        }
    }

    /** Runs the step's Main with arguments (a management command) on the same database, and returns what it printed. */
    List<String> manage(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(javaCommand);
        command.addAll(arguments);
        Process manage = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        String printed = new String(manage.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!manage.waitFor(60, TimeUnit.SECONDS)) {
            manage.destroyForcibly();
            throw new AssertionError(String.join(" ", arguments) + " did not finish within 60 s");
        }
        return Normalise.lines(printed);
    }

    /**
     * Stops the server as Ctrl-C would (its shutdown hook finishes the requests in flight) and returns all it
     * printed. A server that started processes of its own (step 07's balancer starts its app servers) is
     * expected to stop them too; whichever of them outlives it by 10 s is killed, so no replay leaves one behind.
     */
    List<String> stop() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList(); // once it is gone, they are nobody's
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException stillThere) {
                leftBehind.add("pid " + child.pid() + " (" + child.info().commandLine().orElse("?") + ")");
                child.destroyForcibly();
            }
        }
        reader.join(5_000);
        return outputSoFar();
    }

    /** The processes it started that outlived it by 10 s (killed since), as "pid N (command line)". */
    List<String> leftBehind() {
        return List.copyOf(leftBehind);
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (ownsWorkDir) {
            deleteAll(workDir);
        }
    }

    /** Deletes a folder and everything in it. */
    static void deleteAll(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitBanner() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            // The banner may come after other output (a warning, a log line): search the lines so far.
            List<String> lines = Normalise.clean(outputSoFar());
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = BANNER.matcher(lines.get(i));
                if (m.find() && lines.subList(i + 1, lines.size()).contains(BANNER_END)) {
                    port = Integer.parseInt(m.group(1));
                    return;
                }
            }
            if (!process.isAlive()) {
                reader.join(1_000);
                throw new AssertionError(step + " stopped (exit code " + process.exitValue()
                        + ") before printing its banner. Its output:\n" + String.join("\n", outputSoFar()));
            }
            Thread.sleep(50);
        }
        throw new AssertionError(step + " printed no \"Starting development server at http://127.0.0.1:PORT/\" and \""
                + BANNER_END + "\" within " + START_SECONDS + " s. Its output so far:\n" + String.join("\n", outputSoFar()));
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (output) {
                    output.add(line);
                    output.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process was killed: keep what we have
        }
    }
}
