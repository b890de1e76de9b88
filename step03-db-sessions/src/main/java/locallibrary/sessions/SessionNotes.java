package locallibrary.sessions;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import locallibrary.Settings;
import locallibrary.web.UnderTheHood;

/**
 * The panel's notes about the session: the cookie the browser sent, what the view did, and the
 * {@link Decision} SessionMiddleware recorded, in words. It wraps the middleware and only reads what the
 * middleware left on the request: the rules are worked out there, and nowhere else.
 */
public final class SessionNotes implements HttpHandler {

    /** The last requests of each session, kept beside the store for the panel. */
    private final SessionStory story = new SessionStory();
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
                    + (session.loadOutcome() == LoadOutcome.BAD_SIGNATURE
                            ? ": its stored data failed the signature check"
                            : recorded.accessed() ? ": a session this server knows" : ""));
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
        UnderTheHood.note(request, "Loaded", loaded(session));
        UnderTheHood.note(request, "This session's story", story(request, recorded, session));
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

    /** What the store answered when the session was loaded, decided at the load (see {@link LoadOutcome}). */
    private static String loaded(Session session) {
        return switch (session.loadOutcome()) {
            case NONE -> "not loaded: there was no key to load, or the view never used the session";
            case LOADED -> "the store had a session under the cookie's key";
            case NOT_FOUND -> "the store has no session under the cookie's key (forged, deleted, or from another"
                    + " server): a new, empty session";
            case EXPIRED -> "the session under the cookie's key has expired: a new, empty session";
            case BAD_SIGNATURE -> "the stored data failed its signature check (tampered with, or signed with another"
                    + " SECRET_KEY): it counts as an empty session";
        };
    }

    /**
     * Adds this request's line to the session's story now (every request counts, shown or not); the story so
     * far, oldest first, is written out only if a page shows the panel.
     */
    private Supplier<String> story(HttpServerExchange request, Decision.Recorded recorded, Session session) {
        String before = recorded.cookieKey();
        String after = session.getSessionKey();
        String setCookie = request.getResponseHeaders().getFirst("Set-Cookie");
        String line = request.getRequestMethod() + " " + request.getRequestPath()
                + " | cookie received: " + (before == null ? "none" : shorten(before))
                + " | " + recorded.decision()
                + (after != null && !after.equals(before) ? " | key now " + shorten(after) : "")
                + " | Set-Cookie: " + (setCookie == null ? "none" : shorten(setCookie.split(";")[0]));
        List<String> lines = story.add(before, after, line);
        return () -> told(lines);
    }

    /** The story's lines, numbered. */
    private static String told(List<String> lines) {
        if (lines.isEmpty()) {
            return "none yet: this browser has no session key";
        }
        StringBuilder told = new StringBuilder();
        for (int n = 0; n < lines.size(); n++) {
            told.append(n + 1).append(". ").append(lines.get(n)).append(n + 1 < lines.size() ? "\n" : "");
        }
        return told.toString();
    }

    /** A key's first eight characters: enough to follow it from cookie to key to row. */
    private static String shorten(String value) {
        int start = value.indexOf('=') + 1;
        return value.length() - start > 8 ? value.substring(0, start + 8) + "..." : value;
    }
}
