package locallibrary.sessions;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sessions in a cache inside the server process, as Django's {@code django.contrib.sessions.backends.cache}
 * keeps them in its default cache (SESSION_CACHE_ALIAS = "default", here an in-process one, like Django's
 * LocMemCache). Fast, and no database at all; but the cache is bounded (when it is full the least useful
 * sessions are dropped: their browsers are logged out), and nothing survives a restart.
 */
public final class CacheSessionStore implements SessionStore {

    /** Django's prefix for the cache keys of this engine: a cache is shared with other uses. */
    static final String KEY_PREFIX = "django.contrib.sessions.cache";
    /** At most this many sessions; then the cache makes room by itself. */
    static final long MAXIMUM_SIZE = 10_000;
    /**
     * And at most this much session text, 16 MiB: a few huge sessions (a form can post megabytes) must not fill
     * the server's memory. 10,000 sessions of up to 1,677 characters each fit, far more than a session holds.
     */
    static final long MAXIMUM_BYTES = 16 * 1024 * 1024;

    /**
     * One cache entry: the session signed as in session_data (text, so that the view's map is never
     * shared with the cache: a change inside it counts only when the session is saved, as with db), and
     * when the entry expires.
     */
    record Entry(String sessionData, Instant expireDate) {
    }

    private final Cache<String, Entry> cache;
    private final String keyPrefix;
    private final long maximumSize;
    private final SignedSessionData signed;

    public CacheSessionStore(String secretKey) {
        this(secretKey, KEY_PREFIX, MAXIMUM_SIZE, Clock.systemUTC(), Ticker.systemTicker());
    }

    // region:cache
    /**
     * A cache of its own with this key prefix and size (cached_db uses another prefix), whose entries'
     * lifetimes are measured by this clock and ticker (a test's clock lets two weeks pass at once).
     */
    CacheSessionStore(String secretKey, String keyPrefix, long maximumSize, Clock clock, Ticker ticker) {
        this.cache = Caffeine.newBuilder()
                // An entry weighs its text's length (a byte a character: the text is ASCII), and at least a
                // maximumSize-th of MAXIMUM_BYTES: so the cache holds at most maximumSize sessions, and 16 MiB.
                .maximumWeight(MAXIMUM_BYTES)
                .weigher((String key, Entry entry) ->
                        (int) Math.max(entry.sessionData().length(), MAXIMUM_BYTES / maximumSize))
                // Each entry lives until its own session's expiry date, counted again at every save.
                .expireAfter(Expiry.writing((String key, Entry entry) -> timeLeft(entry, clock)))
                .ticker(ticker)
                .build();
        this.keyPrefix = keyPrefix;
        this.maximumSize = maximumSize;
        this.signed = new SignedSessionData(secretKey);
    }

    private static Duration timeLeft(Entry entry, Clock clock) {
        Duration left = Duration.between(clock.instant(), entry.expireDate());
        // An expiry date already past: the entry is gone at once (Django's cache does the same with a timeout of 0).
        return left.isNegative() ? Duration.ZERO : left;
    }
    // endregion:cache

    // region:load
    @Override
    public Map<String, Object> load(String sessionKey) {
        Entry entry = entry(sessionKey);
        // Absent, expired or dropped to make room: the caller forgets the key.
        return entry == null ? null : signed.decode(entry.sessionData());
    }
    // endregion:load

    @Override
    public boolean exists(String sessionKey) {
        return entry(sessionKey) != null;
    }

    // region:save
    @Override
    public String save(String sessionKey, Map<String, Object> data, Instant expireDate, boolean mustCreate) {
        Entry entry = new Entry(signed.encode(data), expireDate);
        if (mustCreate) {
            // Django's cache.add: only if the key is free.
            if (cache.asMap().putIfAbsent(keyPrefix + sessionKey, entry) != null) {
                throw new CreateError();
            }
        } else if (cache.asMap().replace(keyPrefix + sessionKey, entry) == null) {
            // Deleted (or dropped by the cache) while this request ran: do not bring it back.
            throw new UpdateError();
        }
        return sessionKey;
    }
    // endregion:save

    @Override
    public void delete(String sessionKey) {
        cache.invalidate(keyPrefix + sessionKey);
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
        fields.put("cache key", keyPrefix + sessionKey);
        fields.put("value", entry.sessionData());
        fields.put("expires", entry.expireDate() + " (then the cache drops it by itself)");
        fields.put("value decoded", signed.describe(entry.sessionData()));
        fields.put("cache", "in this server process only, lost when it stops; " + size() + " of at most "
                + maximumSize + " sessions (and " + MAXIMUM_BYTES / 1024 / 1024 + " MiB)");
        return fields;
    }

    /** The entry of this session, or null when it is absent or has expired. */
    Entry entry(String sessionKey) {
        return cache.getIfPresent(keyPrefix + sessionKey);
    }

    /** Django's cache.set: store, whether or not the key was there (cached_db refills the cache with it). */
    void put(String sessionKey, Entry entry) {
        cache.put(keyPrefix + sessionKey, entry);
    }

    /** How many sessions the cache holds, once it has done its pending housekeeping (evictions). */
    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
