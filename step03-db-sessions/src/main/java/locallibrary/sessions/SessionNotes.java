package locallibrary.sessions;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Map;
import locallibrary.Settings;
import locallibrary.web.UnderTheHood;

/**
 * The panel's notes about the session: the cookie the browser sent, what the view did, and the
 * {@link Decision} SessionMiddleware recorded, in words. It wraps the middleware and only reads what the
 * middleware left on the request: the rules are worked out there, and nowhere else.
 */
public final class SessionNotes implements HttpHandler {

    private final HttpHandler next;
    private final Settings settings;
    private final SessionStore store;

    public SessionNotes(HttpHandler next, Settings settings, SessionStore store) {
        this.next = next;
        this.settings = settings;
        this.store = store;
    }

    @Override
    public void handleRequest(HttpServerExchange request) throws Exception {
        next.handleRequest(request);
        Decision.Recorded recorded = Decision.of(request);
        Session session = Session.of(request);
        String cookieKey = recorded.cookieKey();
        if (cookieKey == null) {
            UnderTheHood.note(request, "Session cookie received", "none: a new browser, or one that refuses cookies");
        } else if (session.keyFromCookieRejected()) {
            UnderTheHood.note(request, "Session cookie received", settings.SESSION_COOKIE_NAME + "=" + cookieKey
                    + ": this server has no such session (forged, expired, or from another server), so the key"
                    + " is not adopted; a new session starts");
        } else {
            UnderTheHood.note(request, "Session cookie received", settings.SESSION_COOKIE_NAME + "=" + cookieKey
                    + (recorded.accessed() ? ": a session this server knows" : ""));
        }
        if (session.loaded()) {
            // Lazy, like the stored row: a response that shows no panel pays nothing for it.
            UnderTheHood.note(request, "Session data",
                    () -> new String(SessionSerializer.dumps(session.items()), UTF_8));
            if (session.getSessionKey() != null) {
                UnderTheHood.note(request, "Stored row", () -> describe(store.storedRow(session.getSessionKey())));
            }
        }
        UnderTheHood.note(request, "Decision", words(recorded.decision(), session));
        if (recorded.accessed()) {
            UnderTheHood.note(request, "Vary: Cookie", "sent, because this page depends on the session cookie");
        }
    }

    /** The decision, in words. */
    private static String words(Decision decision, Session session) {
        return switch (decision) {
            case NOT_USED -> "the view did not use the session: nothing to save or send";
            // The panel must not load the session itself: a load that just failed would fail again.
            case READ_ONLY -> session.loaded() ? "the view only read the session: nothing saved, no cookie sent"
                    : "the session could not be loaded: nothing saved, no cookie sent";
            case NOTHING_TO_SAVE -> "the view left the session empty: nothing to save, no cookie sent";
            case SAVED -> "the view changed the session: saved it under key " + session.getSessionKey()
                    + " and sent the cookie, with a fresh expiry";
            case INTERRUPTED -> "the session was deleted before the request completed: 400";
            case DATABASE_UNAVAILABLE -> "the database could not save the session: 503";
        };
    }

    /** The stored row, one column a line. */
    private static String describe(Map<String, String> row) {
        if (row == null) {
            return "(none)";
        }
        StringBuilder lines = new StringBuilder();
        row.forEach((column, value) -> lines.append(column).append(": ").append(value).append('\n'));
        return lines.toString().strip();
    }
}
