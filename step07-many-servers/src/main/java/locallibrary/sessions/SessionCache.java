package locallibrary.sessions;

import java.time.Instant;

/**
 * The cache the cache engines keep sessions in (Django's {@code caches[SESSION_CACHE_ALIAS]}): the few calls
 * of Django's cache API they make. {@link LocMemCache} lives inside one server process; {@link RedisCache}
 * is one Redis server that every app server shares. Each value is the signed session_data text.
 */
interface SessionCache {

    /** The value under this key, or null when it is absent or has expired. */
    String get(String key);

    /** When the value under this key expires (for the panel), or null when it is absent. */
    Instant expireDate(String key);

    /** Django's cache.add: stores only if the key is free, and says whether it did. */
    boolean add(String key, String value, Instant expireDate);

    /** Stores only if the key is there (Django's cache engine: get, then set), and says whether it did. */
    boolean replace(String key, String value, Instant expireDate);

    /** Django's cache.set: stores, whether or not the key was there. */
    void set(String key, String value, Instant expireDate);

    void delete(String key);

    /** The key as the cache stores it (Django's make_key). */
    String makeKey(String key);

    /** Where the cache is, for the panel: what a learner should know about its entries. */
    String describe();
}
