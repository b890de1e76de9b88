package locallibrary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A private PostgreSQL for tests (Debian's postgresql package): a new cluster in a temporary folder, on a free
 * port of 127.0.0.1, with the user and database {@code locallibrary} and trust authentication, started and
 * stopped with {@code pg_ctl}. As root it runs as the postgres user, since PostgreSQL refuses root.
 *
 * <pre>
 * try (PostgresServer postgres = PostgresServer.start()) {
 *     TestServer server = TestServer.start(postgres.settings());   // the DATABASES.default.* settings
 *     ...
 *     postgres.stop();   // the server's next request gets the 503 page
 *     postgres.restart();
 * }
 * </pre>
 */
public final class PostgresServer implements AutoCloseable {

    private final Path bin;
    private final Path folder;
    private final int port;

    private PostgresServer(Path bin, Path folder, int port) {
        this.bin = bin;
        this.folder = folder;
        this.port = port;
    }

    /** A new cluster, running; skipped (or, under CI, failed) when PostgreSQL is not installed. */
    public static PostgresServer start() {
        Path bin = binaries();
        RealServices.require(bin != null, "PostgreSQL (initdb, pg_ctl under /usr/lib/postgresql/*/bin)",
                "postgresql");
        Path folder = RealServices.temporaryFolder("postgres-test-");
        PostgresServer postgres = new PostgresServer(bin, folder, RealServices.freePort());
        if (RealServices.isRoot()) {
            // The postgres user must own the folder it writes: its data, its socket, its log.
            RealServices.run(List.of("chown", "postgres:postgres", folder.toString()));
        }
        postgres.asOwner(bin.resolve("initdb").toString(), "-D", postgres.data(), "-U", "locallibrary",
                "--auth=trust", "--no-sync", "-E", "UTF8");
        postgres.restart();
        postgres.asOwner(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", String.valueOf(postgres.port),
                "-U", "locallibrary", "locallibrary");
        return postgres;
    }

    /** The newest installed version's bin folder, or null. */
    private static Path binaries() {
        Path versions = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(versions)) {
            return null;
        }
        try (Stream<Path> list = Files.list(versions)) {
            return list.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb"))
                            && Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparing(bin -> Integer.parseInt(bin.getParent().getFileName().toString()
                            .replaceAll("\\D", "0")))).orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The settings that point a server at this PostgreSQL, as the -D flags of the chapter would. */
    public Map<String, String> settings() {
        return Map.of("DATABASES.default.ENGINE", Settings.POSTGRESQL,
                "DATABASES.default.NAME", "locallibrary",
                "DATABASES.default.USER", "locallibrary",
                "DATABASES.default.HOST", "127.0.0.1",
                "DATABASES.default.PORT", String.valueOf(port));
    }

    public int port() {
        return port;
    }

    /** Starts it (again, on the same port and data), and returns when it accepts connections. */
    public void restart() {
        asOwner(bin.resolve("pg_ctl").toString(), "-D", data(), "-l", folder.resolve("log").toString(), "-w",
                "-o", "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    }

    /** Stops it (fast: open connections are cut), and returns when it has stopped. */
    public void stop() {
        asOwner(bin.resolve("pg_ctl").toString(), "-D", data(), "-m", "fast", "-w", "stop");
    }

    /** A SQL statement run by psql as the locallibrary user, for a test to look at the table directly. */
    public String psql(String sql) {
        return psql("locallibrary", sql);
    }

    /** The same, in another database of this server. */
    public String psql(String database, String sql) {
        return asOwner(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U",
                "locallibrary", "-d", database, "-At", "-c", sql);
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (IllegalStateException alreadyStopped) {
            // a test stopped it and did not start it again
        }
        RealServices.run(List.of("rm", "-rf", folder.toString()));
    }

    private String data() {
        return folder.resolve("data").toString();
    }

    /** Runs a PostgreSQL program as the user that owns the cluster: the postgres user when we are root. */
    private String asOwner(String... command) {
        List<String> line = new ArrayList<>();
        if (RealServices.isRoot()) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(List.of(command));
        return RealServices.run(line);
    }
}
