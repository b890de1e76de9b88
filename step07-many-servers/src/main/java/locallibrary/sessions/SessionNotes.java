package locallibrary.sessions;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import locallibrary.Settings;
import locallibrary.web.Response;
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
                            : session.keyFromCookieKnown() ? ": a session this server knows" : ""));
        }
        UnderTheHood.note(request, "accessed", recorded.accessed()
                ? "yes: the view read or wrote the session"
                : "no: the view never touched the session" + (session.loaded() ? ""
                        : ", so it was not even loaded from the database"));
        UnderTheHood.note(request, "modified", recorded.modified()
                ? "yes: the view changed the session"
                : "no: the view changed nothing in the session");
        // Only what is already in memory: the panel must not load the session (a failed load would fail again).
        if (session.loaded()) {
            // Lazy, like the stored row: a response that shows no panel pays nothing for it.
            UnderTheHood.note(request, "Session data",
                    () -> new String(SessionSerializer.dumps(session.items()), UTF_8));
            UnderTheHood.note(request, "Expiry", () -> expiry(session));
            if (session.getSessionKey() != null) {
                UnderTheHood.note(request, "Stored row", () -> describe(store.storedRow(session.getSessionKey())));
            }
        }
        UnderTheHood.note(request, "Decision", words(recorded, session, Response.of(request).status));
        if (request.getResponseHeaders().contains(Headers.SET_COOKIE)) {
            UnderTheHood.note(request, "Cookie attributes",
                    cookieAttributes(session, recorded.decision() == Decision.COOKIE_DELETED));
        }
        UnderTheHood.note(request, "Loaded", loaded(session));
        if (store instanceof SignedCookieSessionStore) {
            UnderTheHood.note(request, "Where the session lives", "in the cookie: with signed_cookies the cookie's"
                    + " value IS the session (signed so it cannot be changed, but readable by anyone); the server"
                    + " stores nothing");
        }
        UnderTheHood.note(request, "This session's story", story(request, recorded, session));
    }

    /** The decision, in words, with the facts that led to it. */
    private String words(Decision.Recorded recorded, Session session, int status) {
        String vary = recorded.accessed()
                ? "; Vary: Cookie sent, because this page depends on the session cookie" : "";
        String kept = recorded.cookieKey() != null ? "; the browser keeps the cookie it has" : "";
        return switch (recorded.decision()) {
            case COOKIE_DELETED -> "the browser sent a session cookie, but the session is empty now: nothing saved,"
                    + " and the cookie is deleted (an empty value that expired in 1970); Vary: Cookie sent";
            case NOT_USED -> "the view did not use the session: nothing loaded, nothing saved, no cookie sent" + kept;
            case READ_ONLY -> "the view only read the session: nothing saved, no cookie sent" + kept + vary;
            case NOTHING_TO_SAVE -> "the session is empty and the browser has no session cookie: nothing to save,"
                    + " no cookie sent" + vary;
            case SERVER_ERROR -> "the response is a server error (" + status + ")"
                    + (recorded.modified() ? ", after the view changed the session" : "")
                    + ": nothing saved, no cookie sent" + vary;
            case SAVED -> "the view changed the session: saved it under key " + session.getSessionKey()
                    + " and sent the cookie, with a fresh expiry" + vary;
            case SAVED_EVERY_REQUEST -> "the view did not change the session, but SESSION_SAVE_EVERY_REQUEST is on:"
                    + " saved it again under key " + session.getSessionKey() + " and re-sent the cookie, with a fresh"
                    + " expiry" + (recorded.accessed() ? "" : " (the view never touched the session, so the middleware"
                            + " loaded it first: one read and one write of the store)") + vary;
            case INTERRUPTED -> "the session was deleted before the request completed: 400";
            case DATABASE_UNAVAILABLE -> "the database could not load or save the session: 503";
        };
    }

    /** What set_expiry chose and what it gives, in Django's words. The data is in memory: nothing is loaded. */
    private String expiry(Session session) {
        Object chosen = session.get(Session.EXPIRY_KEY);
        return "get_expiry_age(): " + session.getExpiryAge() + " s; get_expiry_date(): "
                + session.getExpiryDate().truncatedTo(ChronoUnit.SECONDS)
                + "; get_expire_at_browser_close(): " + session.getExpireAtBrowserClose()
                + (setExpiryChose(session)
                        ? " (set_expiry chose " + chosen + ", kept in the session as " + Session.EXPIRY_KEY + ")"
                        : " (no set_expiry: the settings SESSION_COOKIE_AGE=" + settings.SESSION_COOKIE_AGE
                        + " and SESSION_EXPIRE_AT_BROWSER_CLOSE=" + settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
                        + " decide)");
    }

    /** Whether set_expiry chose; a choice that cannot be read (a forged cookie's "not a date") counts as none. */
    private static boolean setExpiryChose(Session session) {
        return Session.readExpiry(session.get(Session.EXPIRY_KEY)) != null;
    }

    /** Each attribute of the Set-Cookie header and the setting it comes from. */
    private String cookieAttributes(Session session, boolean deleted) {
        StringBuilder lines = new StringBuilder();
        if (deleted) {
            lines.append("a deletion: empty value, expires in 1970 and Max-Age=0; it names the cookie's Domain, Path"
                    + " and SameSite so that it replaces the right cookie; never HttpOnly, and Secure only where a"
                    + " browser would refuse it without (SameSite=None, or a __Secure- or __Host- name)\n");
        } else if (session.getExpireAtBrowserClose()) {
            lines.append("no Max-Age, no expires: a browser-session cookie, dropped when the browser closes ("
                    + (setExpiryChose(session) ? "set_expiry(0)" : "SESSION_EXPIRE_AT_BROWSER_CLOSE=true")
                    + "); the stored session still expires in " + session.getExpiryAge() + " s\n");
        } else {
            lines.append("Max-Age=").append(session.getExpiryAge()).append(" and expires: get_expiry_age() ("
                    + (setExpiryChose(session) ? "set_expiry" : "SESSION_COOKIE_AGE") + ")\n");
        }
        lines.append("Domain: ").append(settings.SESSION_COOKIE_DOMAIN == null
                ? "none, so only this host gets it back" : settings.SESSION_COOKIE_DOMAIN)
                .append(" (SESSION_COOKIE_DOMAIN)\n");
        lines.append("Path=").append(settings.SESSION_COOKIE_PATH).append(" (SESSION_COOKIE_PATH)\n");
        if (!deleted) {
            lines.append("HttpOnly: ").append(settings.SESSION_COOKIE_HTTPONLY ? "yes" : "no")
                    .append(" (SESSION_COOKIE_HTTPONLY)\n");
            lines.append("Secure: ").append(settings.SESSION_COOKIE_SECURE ? "yes" : "no")
                    .append(" (SESSION_COOKIE_SECURE)\n");
        }
        lines.append("SameSite: ").append(settings.SESSION_COOKIE_SAMESITE == null ? "none (off)"
                : settings.SESSION_COOKIE_SAMESITE).append(" (SESSION_COOKIE_SAMESITE)");
        return lines.toString();
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
            case CACHE_HIT -> "from the cache: the database was not asked";
            case CACHE_MISS -> "not in the cache (right after a restart, for one): read from the database, and"
                    + " kept in the cache from now on";
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
