package locallibrary.sessions;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import locallibrary.Database;

/**
 * Sessions in the database AND in a cache in front of it, as Django's
 * {@code django.contrib.sessions.backends.cached_db} keeps them: every save writes both, a load asks the
 * cache first and the database only when the cache does not have the session. Reads are as fast as the
 * cache's; the sessions survive a restart (and a full cache) through the database.
 */
public final class CachedDbSessionStore implements SessionStore {

    /** Django's prefix for this engine's cache keys. */
    static final String KEY_PREFIX = "django.contrib.sessions.cached_db";

    // Where this thread's last load found the session; read by the panel right after the load, on the same thread.
    private final ThreadLocal<Boolean> lastLoadHitCache = new ThreadLocal<>();

    private final DatabaseSessionStore db;
    private final CacheSessionStore cache;
    private final SignedSessionData signed;

    public CachedDbSessionStore(Database database, String secretKey) {
        this(database, secretKey, Clock.systemUTC(), Ticker.systemTicker());
    }

    /** With a clock and ticker of the test's choosing, so that a test can let two weeks pass at once. */
    CachedDbSessionStore(Database database, String secretKey, Clock clock, Ticker ticker) {
        this.db = new DatabaseSessionStore(database, secretKey, clock);
        this.cache = new CacheSessionStore(secretKey, KEY_PREFIX, CacheSessionStore.MAXIMUM_SIZE, clock, ticker);
        this.signed = new SignedSessionData(secretKey);
    }

    // region:load
    @Override
    public Map<String, Object> load(String sessionKey) {
        CacheSessionStore.Entry cached = cache.entry(sessionKey);
        lastLoadHitCache.set(cached != null);
        if (cached == null) {
            // Not in the cache (a restart, a full cache, another server process saved it): ask the database,
            // and keep what it says in the cache until the row's own expiry date.
            DatabaseSessionStore.Row row = db.loadRow(sessionKey);
            if (row == null) {
                return null;
            }
            cached = new CacheSessionStore.Entry(row.sessionData(), row.expireDate());
            cache.put(sessionKey, cached);
        }
        return signed.decode(cached.sessionData());
    }
    // endregion:load

    @Override
    public Boolean lastLoadHitCache() {
        return lastLoadHitCache.get();
    }

    @Override
    public boolean exists(String sessionKey) {
        return cache.exists(sessionKey) || db.exists(sessionKey);
    }

    // region:save
    @Override
    public String save(String sessionKey, Map<String, Object> data, Instant expireDate, boolean mustCreate) {
        String sessionData = signed.encode(data);
        // The database first: it decides whether the key is free (CreateError) or still there (UpdateError).
        db.saveRow(sessionKey, sessionData, expireDate, mustCreate);
        cache.put(sessionKey, new CacheSessionStore.Entry(sessionData, expireDate));
        return sessionKey;
    }
    // endregion:save

    @Override
    public void delete(String sessionKey) {
        db.delete(sessionKey);
        cache.delete(sessionKey);
    }

    /** The database's expired rows; the cache drops its expired entries by itself. */
    @Override
    public int clearExpired() {
        return db.clearExpired();
    }

    @Override
    public Map<String, String> storedRow(String sessionKey) {
        Map<String, String> row = db.storedRow(sessionKey);
        CacheSessionStore.Entry cached = cache.entry(sessionKey);
        if (row == null && cached == null) {
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>(row == null ? Map.of("django_session", "(no row)") : row);
        fields.put("in the cache", cached == null
                ? "no: the next load reads the database and fills the cache"
                : "yes, under " + KEY_PREFIX + sessionKey + " until " + cached.expireDate()
                        + ": loads skip the database");
        return fields;
    }
}
