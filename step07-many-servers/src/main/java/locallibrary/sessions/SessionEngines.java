package locallibrary.sessions;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import locallibrary.Database;
import locallibrary.Settings;

/** SESSION_ENGINE: which of Django's five stores keeps the sessions. */
public final class SessionEngines {

    /** How an engine's store is made from the settings (and the database, for the engines that use one). */
    private interface Engine {
        SessionStore create(Settings settings, Database db);
    }

    // region:create
    /** Django's five engines by the short names SESSION_ENGINE takes: the only list of them. */
    private static final Map<String, Engine> ENGINES = new LinkedHashMap<>();

    static {
        ENGINES.put("db", (settings, db) -> new DatabaseSessionStore(db, settings.SECRET_KEY));
        ENGINES.put("file", (settings, db) -> new FileSessionStore(settings.SESSION_FILE_PATH,
                settings.SESSION_COOKIE_NAME, settings.SESSION_COOKIE_AGE, settings.SECRET_KEY));
        ENGINES.put("cache", (settings, db) -> new CacheSessionStore(settings.SECRET_KEY, cache(settings)));
        ENGINES.put("cached_db", (settings, db) -> new CachedDbSessionStore(db, settings.SECRET_KEY, cache(settings)));
        ENGINES.put("signed_cookies", (settings, db) -> new SignedCookieSessionStore(settings.SECRET_KEY,
                settings.SESSION_COOKIE_NAME, settings.SESSION_COOKIE_AGE));
    }

    /** The store SESSION_ENGINE names; Settings has refused any name not in {@link #names()} already. */
    public static SessionStore create(Settings settings, Database db) {
        return ENGINES.get(settings.SESSION_ENGINE).create(settings, db);
    }
    // endregion:create

    // region:cache
    /** CACHES['default']: Redis, shared by the app servers, or (Django's default) a cache in this process. */
    private static SessionCache cache(Settings settings) {
        Map<String, String> cache = settings.CACHES.get("default");
        if (cache.get("BACKEND").equals(Settings.REDIS_CACHE)) {
            return RedisCache.open(cache.get("LOCATION"));
        }
        return new LocMemCache(CacheSessionStore.MAXIMUM_SIZE, Clock.systemUTC(), Ticker.systemTicker());
    }
    // endregion:cache

    /** The names SESSION_ENGINE accepts, in Django's order. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(ENGINES.keySet());
    }

    private SessionEngines() {
    }
}
