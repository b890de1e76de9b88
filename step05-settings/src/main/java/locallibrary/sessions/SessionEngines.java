package locallibrary.sessions;

import locallibrary.Database;
import locallibrary.Settings;

/** SESSION_ENGINE: which of Django's five stores keeps the sessions. */
public final class SessionEngines {

    // region:create
    public static SessionStore create(Settings settings, Database db) {
        return switch (settings.SESSION_ENGINE) {
            case "db" -> new DatabaseSessionStore(db, settings.SECRET_KEY);
            case "file" -> new FileSessionStore(settings.SESSION_FILE_PATH, settings.SESSION_COOKIE_NAME,
                    settings.SESSION_COOKIE_AGE, settings.SECRET_KEY);
            case "cache" -> new CacheSessionStore(settings.SECRET_KEY);
            case "cached_db" -> new CachedDbSessionStore(db, settings.SECRET_KEY);
            case "signed_cookies" -> new SignedCookieSessionStore(settings.SECRET_KEY, settings.SESSION_COOKIE_NAME,
                    settings.SESSION_COOKIE_AGE);
            // Settings has refused any other name already.
            default -> throw new IllegalStateException("unknown SESSION_ENGINE " + settings.SESSION_ENGINE);
        };
    }
    // endregion:create

    private SessionEngines() {
    }
}
