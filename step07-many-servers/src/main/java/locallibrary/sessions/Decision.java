package locallibrary.sessions;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

/**
 * Which of Django's rules SessionMiddleware applied after the view. The middleware records it on the
 * request with the facts it decided on; {@link SessionNotes} puts it in words for the panel, so the rules
 * are worked out in one place only.
 */
public enum Decision {
    /** The browser sent a session cookie, but the session is empty now: the cookie is deleted. */
    COOKIE_DELETED,
    /** The view never touched the session: nothing loaded, nothing saved, no cookie. */
    NOT_USED,
    /** The view only read the session: nothing saved, no cookie. */
    READ_ONLY,
    /** The view changed the session, but it is empty and has no key: nothing to save, no cookie. */
    NOTHING_TO_SAVE,
    /** The response is a server error: a view that failed halfway must not save half its changes. */
    SERVER_ERROR,
    /** The view changed the session: saved, and the cookie sent with a fresh expiry. */
    SAVED,
    /** The view did not change the session, but SESSION_SAVE_EVERY_REQUEST saved it and re-sent the cookie. */
    SAVED_EVERY_REQUEST,
    /** Another request deleted the session while this one ran: not brought back, 400 (SessionInterrupted). */
    INTERRUPTED,
    /** The database refused to load or save the session: nothing stored, no cookie, 503. */
    DATABASE_UNAVAILABLE;

    private static final AttachmentKey<Recorded> KEY = AttachmentKey.create(Recorded.class);

    /** A decision and its facts: the key the cookie carried (or null), and what the view did to the session. */
    public record Recorded(Decision decision, String cookieKey, boolean accessed, boolean modified) {
    }

    /** Puts this decision on the request, for whoever explains it. */
    void recordOn(HttpServerExchange request, String cookieKey, boolean accessed, boolean modified) {
        request.putAttachment(KEY, new Recorded(this, cookieKey, accessed, modified));
    }

    /** What the middleware decided for this request, or null if it did not get that far. */
    public static Recorded of(HttpServerExchange request) {
        return request.getAttachment(KEY);
    }
}
