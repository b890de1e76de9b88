package locallibrary.sessions;

import java.util.Map;

/**
 * What the store answered when the session was loaded, kept on the {@link Session} for the panel: it is
 * decided once, at the load, so the panel tells what happened and never asks the store again.
 */
public enum LoadOutcome {
    /** The session was not loaded: the browser sent no key, or the view never used the session. */
    NONE,
    /** The store had the session under the cookie's key. */
    LOADED,
    /** The store has nothing under the cookie's key: forged, deleted, or from another server. */
    NOT_FOUND,
    /** The store still holds the key, but its session has expired. */
    EXPIRED,
    /** The stored data fails its signature check (tampered with, or another SECRET_KEY): an empty session. */
    BAD_SIGNATURE,
    /** cached_db: the cache had the session, so the database was not asked. */
    CACHE_HIT,
    /** cached_db: not in the cache (after a restart, say): read from the database, and cached from now on. */
    CACHE_MISS;

    /** The outcome of {@code store.load(sessionKey)}, which gave {@code data}. */
    static LoadOutcome of(SessionStore store, String sessionKey, Map<String, Object> data) {
        if (sessionKey == null) {
            return NONE;
        }
        if (data == null) {
            // exists() counts expired sessions too: a key that exists but did not load has expired.
            return store.exists(sessionKey) ? EXPIRED : NOT_FOUND;
        }
        if (data instanceof SignedSessionData.Corrupted) {
            return BAD_SIGNATURE;
        }
        Boolean fromCache = store.lastLoadHitCache();
        if (fromCache != null) {
            return fromCache ? CACHE_HIT : CACHE_MISS;
        }
        return LOADED;
    }
}
