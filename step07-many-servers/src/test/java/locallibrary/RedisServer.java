package locallibrary;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private Redis for tests (Debian's redis-server package): a child process on a free port of 127.0.0.1,
 * with no persistence ({@code --save '' --appendonly no}), so a restart empties it, as it would a cache.
 *
 * <pre>
 * try (RedisServer redis = RedisServer.start()) {
 *     TestServer server = TestServer.start(redis.settings("cache"));   // CACHES.default.* and SESSION_ENGINE
 *     ...
 * }
 * </pre>
 */
public final class RedisServer implements AutoCloseable {

    private static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");

    private final int port;
    private Process process;

    private RedisServer(int port) {
        this.port = port;
    }

    /** A new, empty Redis, running; skipped (or, under CI, failed) when redis-server is not installed. */
    public static RedisServer start() {
        RealServices.require(Files.isExecutable(REDIS_SERVER), "Redis (" + REDIS_SERVER + ")", "redis-server");
        RedisServer redis = new RedisServer(RealServices.freePort());
        redis.restart();
        return redis;
    }

    /** CACHES' LOCATION for this Redis. */
    public String location() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    /** The settings that keep sessions with this engine, in this Redis (plus any database settings given). */
    public Map<String, String> settings(String engine) {
        return Map.of("SESSION_ENGINE", engine,
                "CACHES.default.BACKEND", Settings.REDIS_CACHE,
                "CACHES.default.LOCATION", location());
    }

    /** Starts it (again, empty, on the same port), and returns when it accepts connections. */
    public void restart() {
        try {
            process = new ProcessBuilder(List.of(REDIS_SERVER.toString(), "--port", String.valueOf(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"))
                    .redirectErrorStream(true).start();
            // Redis says when it is ready; reading its log up to that line is the wait, without sleeping.
            BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            for (String line = log.readLine(); line != null; line = log.readLine()) {
                seen.append(line).append('\n');
                if (line.contains("Ready to accept connections")) {
                    // Keep reading in the background, so that a full pipe never stops Redis.
                    Thread drain = new Thread(() -> log.lines().forEach(ignored -> { }), "redis-log");
                    drain.setDaemon(true);
                    drain.start();
                    return;
                }
            }
            throw new IllegalStateException("redis-server stopped before it was ready:\n" + seen);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops it; what it held is gone. */
    public void stop() {
        process.destroy();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
