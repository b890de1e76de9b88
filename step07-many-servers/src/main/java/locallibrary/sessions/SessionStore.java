package locallibrary.sessions;

import java.time.Instant;
import java.util.Map;

/**
 * Where session data lives between requests: the part of Django's session backends that depends on
 * the storage. SESSION_ENGINE picks one of five ({@link SessionEngines}). Everything else (keys, flags,
 * when to save) is in {@link Session}, as Django keeps it in
 * {@code SessionBase}.
 */
public interface SessionStore {

    // region:interface
    /** The data stored under this key, or null when there is no such session or it has expired. */
    Map<String, Object> load(String sessionKey);

    /** Whether the key is taken (expired or not): new keys must not collide. */
    boolean exists(String sessionKey);

    /**
     * Stores the data under the key until {@code expireDate}, and returns the key the browser is to carry
     * from now on. With {@code mustCreate} the key must be new: if it is taken, {@link CreateError} is
     * thrown and the caller draws another key. Without it the session must still be there: if another
     * request deleted it meanwhile, {@link UpdateError} is thrown.
     *
     * <p>Why it returns a key: a store that keeps the data on the server returns the key it was given.
     * The signed-cookies engine keeps nothing on the server: the signed data itself is the cookie's value,
     * so its "key" is new after every save. Returning it keeps that difference inside the store.
     */
    String save(String sessionKey, Map<String, Object> data, Instant expireDate, boolean mustCreate);

    /** Forgets the session, if there is one. */
    void delete(String sessionKey);

    /** Removes every expired session and says how many there were (Django's {@code clear_expired}). */
    int clearExpired();
    // endregion:interface

    /**
     * What the store holds for this key, field by field, to show in the "Under the hood" panel; or null
     * when it holds nothing. (The signed-cookies engine, which holds nothing, says so in words.)
     */
    Map<String, String> storedRow(String sessionKey);

    /**
     * For the panel: whether this thread's last load was answered by the cache (true) or the database (false);
     * null for an engine without a cache in front of its storage (only cached_db has one).
     */
    default Boolean lastLoadHitCache() {
        return null;
    }

    /**
     * Thrown by load() where Django's engine calls create() rather than forgetting the key: the file engine
     * for an expired file, the signed-cookies engine for a value it cannot load. The session starts again
     * at once and counts as modified, so even a page that only reads sends the browser a fresh cookie.
     */
    final class StartNewSession extends RuntimeException {
        /** Why, for the panel: EXPIRED or BAD_SIGNATURE. */
        final LoadOutcome outcome;

        public StartNewSession(LoadOutcome outcome) {
            super("the stored session cannot be used: Django's engine starts a new one");
            this.outcome = outcome;
        }
    }

    /** The key was already taken when a new session was being created (Django's name). */
    final class CreateError extends RuntimeException {
        public CreateError() {
            super("session key already exists");
        }
    }

    /** The session to update is gone: another request deleted it while this one ran (Django's name). */
    final class UpdateError extends RuntimeException {
        public UpdateError() {
            super("the session was deleted before the request completed");
        }
    }
}
