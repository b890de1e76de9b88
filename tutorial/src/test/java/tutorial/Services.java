package tutorial;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real PostgreSQL and Redis a chapter starts with a visible {@code $ step07-many-servers/services start},
 * kept private to one replay: the script runs with its data under the replay's own temporary folder
 * ({@code TMPDIR}, which the replay shows as /tmp) and on two free ports ({@code PGPORT}, {@code REDIS_PORT}), so that a reader's own
 * services, or another replay, on the chapters' ports 5433 and 6380 are never touched. The commands and
 * the server's flags get the free ports in place of 5433 and 6380, as they get the server's port in place
 * of 8000, and what they print gets the chapters' ports back.
 *
 * <p>Where PostgreSQL or Redis is not installed, {@link #missing()} says so: the replay then stops before
 * the first block that needs them, and is reported as skipped with that reason; under CI (the environment
 * variable {@code CI} set) it fails instead, since CI installs both.
 */
final class Services implements AutoCloseable {

    /** The ports the chapters show, those the script uses by default. */
    static final int PG_PORT = 5433;
    static final int REDIS_PORT = 6380;

    /** A script of a step folder named {@code services}, as a command names it from the repository's root. */
    private static final Pattern SCRIPT = Pattern.compile("(?<![\\w/.-])(step\\d\\d-[a-z0-9-]+/services)(?![\\w/.-])");
    /** A flag that points a step at PostgreSQL or Redis. */
    private static final Pattern STORE_FLAG = Pattern.compile("-D(DATABASES|CACHES)\\.");

    private final Repo repo;
    private final Path tmp;
    private final int pgPort;
    private final int redisPort;
    private final Set<String> scriptsRun = new LinkedHashSet<>();

    private Services(Repo repo, Path tmp, int pgPort, int redisPort) {
        this.repo = repo;
        this.tmp = tmp;
        this.pgPort = pgPort;
        this.redisPort = redisPort;
    }

    /**
     * Fresh services for one replay: two free ports, and its data under {@code tmp}, a folder the
     * {@code postgres} user can enter (as root, the script runs PostgreSQL as that user: it refuses root).
     */
    static Services forReplay(Repo repo, Path tmp) throws IOException {
        int[] ports = freePorts();
        return new Services(repo, tmp, ports[0], ports[1]);
    }

    /**
     * A program of the services themselves ({@code step07-many-servers/services}, {@code redis-cli}): checked by
     * {@link #missing()}, not by {@link CommandLineTools}, so that a machine without them can still build.
     */
    static boolean isOneOfItsPrograms(String program) {
        return SCRIPT.matcher(program).matches() || program.equals("redis-cli");
    }

    /** Does this block need PostgreSQL or Redis: does it run the services script, or a server pointed at them? */
    static boolean needed(Chapter.Marker marker) {
        if (STORE_FLAG.matcher(marker.argument()).find()) {
            return true;
        }
        return marker.block() != null && marker.block().body().stream()
                .anyMatch(line -> SCRIPT.matcher(line).find() || STORE_FLAG.matcher(line).find());
    }

    /** Why PostgreSQL and Redis cannot run here, or empty when both are installed. */
    static Optional<String> missing() {
        return missing(System.getenv("PATH"), Path.of("/usr/lib/postgresql"));
    }

    /** The same, for a PATH value and the folder where Debian keeps PostgreSQL's versions. */
    static Optional<String> missing(String path, Path postgresqlVersions) {
        List<String> missing = new ArrayList<>();
        if (!onPath("redis-server", path) || !onPath("redis-cli", path)) {
            missing.add("redis-server and redis-cli (Debian: redis-server)");
        }
        if (!postgresqlLibraryHas("pg_ctl", postgresqlVersions)) { // where the services script looks for it
            missing.add("PostgreSQL's pg_ctl (Debian: postgresql)");
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("not installed: " + String.join(" and ", missing)
                + ". Install them (sudo apt-get install postgresql redis-server) to replay the chapter's"
                + " PostgreSQL and Redis part; CI installs them and replays it");
    }

    /** Under CI every part of every chapter must be replayed. */
    static boolean underCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }

    /** The command as it runs here: the script by its full path, the free ports in place of the chapters'. */
    String command(String text) {
        Matcher m = SCRIPT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Path script = repo.resolve(m.group(1));
            if (Files.isRegularFile(script)) {
                scriptsRun.add(m.group(1));
                m.appendReplacement(out, Matcher.quoteReplacement(script.toString()));
            } else {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
            }
        }
        m.appendTail(out);
        return toFreePorts(out.toString());
    }

    /** The server's flags as it is started here: the free ports in place of the chapters'. */
    List<String> settings(List<String> shown) {
        return shown.stream().map(this::toFreePorts).toList();
    }

    /** What the services script needs to keep to this replay: its data folder and its ports. */
    Map<String, String> environment() {
        return Map.of("TMPDIR", tmp.toString(), "PGPORT", String.valueOf(pgPort),
                "REDIS_PORT", String.valueOf(redisPort));
    }

    /** Output as the reader sees it: the chapters' ports. */
    List<String> unlocalise(List<String> lines) {
        return lines.stream().map(line -> replacePort(replacePort(line, pgPort, PG_PORT), redisPort, REDIS_PORT))
                .toList();
    }

    /** Stops whatever the chapter started with the services scripts it ran (the replay deletes their data). */
    @Override
    public void close() throws IOException, InterruptedException {
        for (String script : scriptsRun) {
            ProcessBuilder stop = new ProcessBuilder("bash", repo.resolve(script).toString(), "stop")
                    .directory(repo.root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            stop.environment().putAll(environment());
            Process process = stop.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private String toFreePorts(String text) {
        return replacePort(replacePort(text, PG_PORT, pgPort), REDIS_PORT, redisPort);
    }

    private static String replacePort(String text, int from, int to) {
        return text.replaceAll("(?<!\\d)" + from + "(?!\\d)", String.valueOf(to));
    }

    private static int[] freePorts() throws IOException {
        try (ServerSocket first = new ServerSocket(0); ServerSocket second = new ServerSocket(0)) {
            return new int[] {first.getLocalPort(), second.getLocalPort()};
        }
    }

    private static boolean onPath(String program, String path) {
        return path != null && Stream.of(path.split(File.pathSeparator))
                .anyMatch(folder -> Files.isExecutable(Path.of(folder.isEmpty() ? "." : folder, program)));
    }

    /** Debian keeps PostgreSQL's server programs off the PATH, in /usr/lib/postgresql/VERSION/bin. */
    private static boolean postgresqlLibraryHas(String program, Path versions) {
        if (!Files.isDirectory(versions)) {
            return false;
        }
        try (Stream<Path> each = Files.list(versions)) {
            return each.anyMatch(version -> Files.isExecutable(version.resolve("bin").resolve(program)));
        } catch (IOException e) {
            return false;
        }
    }
}
