package locallibrary.sessions;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sessions in a cache, as Django's {@code django.contrib.sessions.backends.cache} keeps them in its default
 * cache (SESSION_CACHE_ALIAS = "default"): either inside the server process (Django's default LocMemCache:
 * each app server has its own), or in Redis (CACHES' RedisCache: one cache every app server shares). Fast,
 * and no database at all; but a cache is not durable: when it is full it drops sessions (their browsers are
 * logged out), and a restarted cache process has none. A cache that cannot be reached is a DatabaseError:
 * the 503 page, as for any session store out of reach.
 */
public final class CacheSessionStore implements SessionStore {

    /** Django's prefix for the cache keys of this engine: a cache is shared with other uses. */
    static final String KEY_PREFIX = "django.contrib.sessions.cache";
    /** At most this many sessions in the in-process cache; then it makes room by itself. */
    static final long MAXIMUM_SIZE = 10_000;

    /**
     * One cache entry: the session signed as in session_data (text, so that the view's map is never
     * shared with the cache: a change inside it counts only when the session is saved, as with db), and
     * when the entry expires.
     */
    record Entry(String sessionData, Instant expireDate) {
    }

    private final SessionCache cache;
    private final String keyPrefix;
    private final SignedSessionData signed;

    /** In this server process's own cache. */
    public CacheSessionStore(String secretKey) {
        this(secretKey, KEY_PREFIX, MAXIMUM_SIZE, Clock.systemUTC(), Ticker.systemTicker());
    }

    /** In the cache CACHES names (Redis, shared by the app servers). */
    CacheSessionStore(String secretKey, SessionCache cache) {
        this(secretKey, KEY_PREFIX, cache);
    }

    /**
     * An in-process cache of its own with this key prefix and size (cached_db uses another prefix), whose
     * entries' lifetimes are measured by this clock and ticker (a test's clock lets two weeks pass at once).
     */
    CacheSessionStore(String secretKey, String keyPrefix, long maximumSize, Clock clock, Ticker ticker) {
        this(secretKey, keyPrefix, new LocMemCache(maximumSize, clock, ticker));
    }

    // region:cache
    /** Sessions in this cache, under keys that start with this prefix (cached_db uses another one). */
    CacheSessionStore(String secretKey, String keyPrefix, SessionCache cache) {
        this.cache = cache;
        this.keyPrefix = keyPrefix;
        this.signed = new SignedSessionData(secretKey);
    }
    // endregion:cache

    // region:load
    @Override
    public Map<String, Object> load(String sessionKey) {
        String sessionData = cache.get(keyPrefix + sessionKey);
        // Absent, expired or dropped to make room: the caller forgets the key.
        return sessionData == null ? null : signed.decode(sessionData);
    }
    // endregion:load

    @Override
    public boolean exists(String sessionKey) {
        return cache.get(keyPrefix + sessionKey) != null;
    }

    // region:save
    @Override
    public String save(String sessionKey, Map<String, Object> data, Instant expireDate, boolean mustCreate) {
        String sessionData = signed.encode(data);
        String key = keyPrefix + sessionKey;
        if (mustCreate) {
            // Django's cache.add: only if the key is free.
            if (!cache.add(key, sessionData, expireDate)) {
                throw new CreateError();
            }
        } else if (!cache.replace(key, sessionData, expireDate)) {
            // Deleted (or dropped by the cache) while this request ran: do not bring it back.
            throw new UpdateError();
        }
        return sessionKey;
    }
    // endregion:save

    @Override
    public void delete(String sessionKey) {
        cache.delete(keyPrefix + sessionKey);
    }

    /** Nothing to do: the cache drops expired entries by itself (Django's is a no-op too). */
    @Override
    public int clearExpired() {
        return 0;
    }

    @Override
    public Map<String, String> storedRow(String sessionKey) {
        Entry entry = entry(sessionKey);
        if (entry == null) {
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("cache key", cacheKey(sessionKey));
        fields.put("value", entry.sessionData());
        fields.put("expires", entry.expireDate() + " (then the cache drops it by itself)");
        fields.put("value decoded", signed.describe(entry.sessionData()));
        fields.put("cache", cache.describe());
        return fields;
    }

    /** The key this session has in the cache, as the cache stores it (in Redis: {@code :1:} first). */
    String cacheKey(String sessionKey) {
        return cache.makeKey(keyPrefix + sessionKey);
    }

    /** The entry of this session, or null when it is absent or has expired. */
    Entry entry(String sessionKey) {
        String key = keyPrefix + sessionKey;
        String sessionData = cache.get(key);
        Instant expireDate = cache.expireDate(key);
        return sessionData == null || expireDate == null ? null : new Entry(sessionData, expireDate);
    }

    /** Django's cache.set: store, whether or not the key was there (cached_db refills the cache with it). */
    void put(String sessionKey, Entry entry) {
        cache.set(keyPrefix + sessionKey, entry.sessionData(), entry.expireDate());
    }
}
