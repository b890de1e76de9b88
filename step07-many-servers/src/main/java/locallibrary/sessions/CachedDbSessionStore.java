package locallibrary.sessions;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
import locallibrary.Database;
import locallibrary.DatabaseError;

/**
 * Sessions in the database AND in a cache in front of it, as Django's
 * {@code django.contrib.sessions.backends.cached_db} keeps them: every save writes both, a load asks the
 * cache first and the database only when the cache does not have the session. Reads are as fast as the
 * cache's; the sessions survive a restart (and a full cache) through the database. A cache out of reach
 * (Redis stopped) is only slower: loads read the database, as Django's do, and saves skip the cache with one
 * log line, as Django's do since 5.1.
 */
public final class CachedDbSessionStore implements SessionStore {

    /** Django's prefix for this engine's cache keys. */
    static final String KEY_PREFIX = "django.contrib.sessions.cached_db";
    private static final Logger LOG = Logger.getLogger(CachedDbSessionStore.class.getName());

    // Where this thread's last load found the session; read by the panel right after the load, on the same thread.
    private final ThreadLocal<Boolean> lastLoadHitCache = new ThreadLocal<>();

    private final DatabaseSessionStore db;
    private final CacheSessionStore cache;
    private final SignedSessionData signed;

    public CachedDbSessionStore(Database database, String secretKey) {
        this(database, secretKey, Clock.systemUTC(), Ticker.systemTicker());
    }

    /** With the cache CACHES names (Redis, shared by the app servers) in front of the database. */
    CachedDbSessionStore(Database database, String secretKey, SessionCache cache) {
        this(new DatabaseSessionStore(database, secretKey), new CacheSessionStore(secretKey, KEY_PREFIX, cache),
                secretKey);
    }

    /** With a clock and ticker of the test's choosing, so that a test can let two weeks pass at once. */
    CachedDbSessionStore(Database database, String secretKey, Clock clock, Ticker ticker) {
        this(new DatabaseSessionStore(database, secretKey, clock),
                new CacheSessionStore(secretKey, KEY_PREFIX, CacheSessionStore.MAXIMUM_SIZE, clock, ticker), secretKey);
    }

    private CachedDbSessionStore(DatabaseSessionStore db, CacheSessionStore cache, String secretKey) {
        this.db = db;
        this.cache = cache;
        this.signed = new SignedSessionData(secretKey);
    }

    // region:load
    @Override
    public Map<String, Object> load(String sessionKey) {
        CacheSessionStore.Entry cached = cacheEntry(sessionKey);
        lastLoadHitCache.set(cached != null);
        if (cached == null) {
            // Not in the cache (a restart, a full cache, another server process saved it): ask the database,
            // and keep what it says in the cache until the row's own expiry date.
            DatabaseSessionStore.Row row = db.loadRow(sessionKey);
            if (row == null) {
                return null;
            }
            cached = new CacheSessionStore.Entry(row.sessionData(), row.expireDate());
            putInCache(sessionKey, cached);
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
        return cacheEntry(sessionKey) != null || db.exists(sessionKey);
    }

    // region:save
    @Override
    public String save(String sessionKey, Map<String, Object> data, Instant expireDate, boolean mustCreate) {
        String sessionData = signed.encode(data);
        // The database first: it decides whether the key is free (CreateError) or still there (UpdateError).
        db.saveRow(sessionKey, sessionData, expireDate, mustCreate);
        putInCache(sessionKey, new CacheSessionStore.Entry(sessionData, expireDate));
        return sessionKey;
    }
    // endregion:save

    /** The cache's entry, or null when it has none or cannot be reached: then the database answers. */
    private CacheSessionStore.Entry cacheEntry(String sessionKey) {
        try {
            return cache.entry(sessionKey);
        } catch (DatabaseError cacheOutOfReach) {
            return null;
        }
    }

    /** Into the cache, if it can be reached: the database has the session already, and stays the truth. */
    private void putInCache(String sessionKey, CacheSessionStore.Entry entry) {
        try {
            cache.put(sessionKey, entry);
        } catch (DatabaseError cacheOutOfReach) {
            LOG.warning("Error saving to cache: " + cacheOutOfReach.getMessage());
        }
    }

    @Override
    public void delete(String sessionKey) {
        db.delete(sessionKey);
        try {
            cache.delete(sessionKey);
        } catch (DatabaseError cacheOutOfReach) {
            LOG.warning("Error deleting from cache: " + cacheOutOfReach.getMessage());
        }
    }

    /** The database's expired rows; the cache drops its expired entries by itself. */
    @Override
    public int clearExpired() {
        return db.clearExpired();
    }

    @Override
    public Map<String, String> storedRow(String sessionKey) {
        Map<String, String> row = db.storedRow(sessionKey);
        CacheSessionStore.Entry cached = cacheEntry(sessionKey);
        if (row == null && cached == null) {
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>(row == null ? Map.of("django_session", "(no row)") : row);
        fields.put("in the cache", cached == null
                ? "no: the next load reads the database and fills the cache"
                : "yes, under " + cache.cacheKey(sessionKey) + " until " + cached.expireDate()
                        + ": loads skip the database");
        return fields;
    }
}
