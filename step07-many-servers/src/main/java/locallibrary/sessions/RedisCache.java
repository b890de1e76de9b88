package locallibrary.sessions;

import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import locallibrary.DatabaseError;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * A Redis server that every app server shares, as Django's {@code RedisCache} uses it: keys made by Django's
 * key function ({@code :1:} + key), each entry with a TTL, the seconds left until its session expires, so that
 * Redis drops it by itself. Values differ from Django's: Django pickles the session dict; we store the signed
 * session_data text (what the django_session table holds), so neither reads the other's entries.
 */
public final class RedisCache implements SessionCache {

    /** Django's default key function: KEY_PREFIX (empty), VERSION (1), then the key. */
    private static final String DJANGO_KEY_PREFIX = ":1:";
    /** Redis stopped or unreachable: a request fails within 2 s, not after the operating system's minutes. */
    private static final int TIMEOUT_MILLIS = 2_000;

    private final RedisClient redis;
    private final String location;
    private final Clock clock;

    private RedisCache(RedisClient redis, String location, Clock clock) {
        this.redis = redis;
        this.location = location;
        this.clock = clock;
    }

    /** The Redis server of CACHES' LOCATION, {@code redis://host:port/db} (Settings has checked its form). */
    public static RedisCache open(String location) {
        return open(location, Clock.systemUTC());
    }

    /** The same, with expiry ages counted by this clock. */
    static RedisCache open(String location, Clock clock) {
        URI uri = URI.create(location);
        String path = uri.getPath();
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(TIMEOUT_MILLIS)
                .socketTimeoutMillis(TIMEOUT_MILLIS)
                .database(path == null || path.length() < 2 ? 0 : Integer.parseInt(path.substring(1)))
                .build();
        // A pool of connections inside: worker threads do not wait for each other's round trips.
        RedisClient redis = RedisClient.builder()
                .hostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort())
                .clientConfig(config)
                .build();
        return new RedisCache(redis, location, clock);
    }

    @Override
    public String get(String key) {
        return reachable(() -> redis.get(makeKey(key)));
    }

    @Override
    public Instant expireDate(String key) {
        long millisLeft = reachable(() -> redis.pttl(makeKey(key)));
        // -2: no such key; -1: no TTL, which our entries always have.
        return millisLeft < 0 ? null : clock.instant().plusMillis(millisLeft);
    }

    @Override
    public boolean add(String key, String value, Instant expireDate) {
        return store(key, value, expireDate, SetParams.setParams().nx());
    }

    @Override
    public boolean replace(String key, String value, Instant expireDate) {
        return store(key, value, expireDate, SetParams.setParams().xx());
    }

    @Override
    public void set(String key, String value, Instant expireDate) {
        store(key, value, expireDate, SetParams.setParams());
    }

    /** One SET with its condition (NX: only if absent, XX: only if there) and the seconds the entry lives. */
    private boolean store(String key, String value, Instant expireDate, SetParams condition) {
        long seconds = Duration.between(clock.instant(), expireDate).toSeconds();
        if (seconds <= 0) {
            // Django's timeout of 0: the entry expires at once, so nothing is stored.
            delete(key);
            return true;
        }
        return reachable(() -> redis.set(makeKey(key), value, condition.ex(seconds))) != null;
    }

    @Override
    public void delete(String key) {
        reachable(() -> redis.del(makeKey(key)));
    }

    @Override
    public String makeKey(String key) {
        return DJANGO_KEY_PREFIX + key;
    }

    @Override
    public String describe() {
        return "Redis at " + location + ", shared by every app server; a Redis restarted without persistence"
                + " has none";
    }

    /**
     * The Redis call, or, when Redis cannot be reached, a DatabaseError: the 503 page that any session store
     * out of reach gets, with one log line that says why.
     */
    private <T> T reachable(Supplier<T> call) {
        try {
            return call.get();
        } catch (JedisException e) {
            throw new DatabaseError(new SQLException("Redis at " + location + ": " + e.getMessage()));
        }
    }

    /** Closes the pool's connections. */
    public void close() {
        redis.close();
    }
}
