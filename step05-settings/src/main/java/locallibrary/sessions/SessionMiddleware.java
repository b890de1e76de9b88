package locallibrary.sessions;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import locallibrary.DatabaseError;
import locallibrary.Settings;
import locallibrary.web.Cookies;
import locallibrary.web.Response;
import locallibrary.web.UnderTheHood;

/**
 * Django's SessionMiddleware: gives every request the session named by its cookie, and after the view
 * has run, applies Django's rules: save and send the cookie if the view changed the session, delete the
 * cookie if the session ended up empty, add Vary: Cookie if the view used it, save nothing after a server error.
 */
public final class SessionMiddleware implements HttpHandler {

    private final HttpHandler next;
    private final Settings settings;
    private final SessionStore store;

    public SessionMiddleware(HttpHandler next, Settings settings, SessionStore store) {
        this.next = next;
        this.settings = settings;
        this.store = store;
    }

    @Override
    public void handleRequest(HttpServerExchange request) throws Exception {
        // region:process-request
        String sessionKey = Cookies.parse(request).get(settings.SESSION_COOKIE_NAME);
        Session session = new Session(store, settings, sessionKey);
        session.attachTo(request);
        // endregion:process-request

        next.handleRequest(request);
        // What the view did, for the panel (the middleware's own reads below must not count as the view's).
        boolean viewAccessed = session.accessed;
        boolean viewModified = session.modified;

        // region:process-response
        boolean cookieSent = sessionKey != null;
        // Asked once, before anything below can load the session (Django computes it first, too).
        boolean empty = session.isEmpty();
        if (cookieSent && empty) {
            // The browser holds a cookie for a session that is gone or emptied: tell it to drop the cookie.
            request.getResponseHeaders().add(Headers.SET_COOKIE, Cookies.deleteCookie(settings.SESSION_COOKIE_NAME,
                    settings.SESSION_COOKIE_PATH, settings.SESSION_COOKIE_DOMAIN, settings.SESSION_COOKIE_SAMESITE));
            request.getResponseHeaders().add(Headers.VARY, "Cookie");
        } else {
            if (session.accessed) {
                // The page depends on the cookie: a cache must not give it to another browser.
                request.getResponseHeaders().add(Headers.VARY, "Cookie");
            }
            // SESSION_SAVE_EVERY_REQUEST saves even an unchanged session, so that its expiry slides.
            // A view that failed may have changed the session halfway: nothing is saved after a server error.
            if ((session.modified || settings.SESSION_SAVE_EVERY_REQUEST) && !empty
                    && Response.of(request).status < 500) {
                // A browser-session cookie has neither Max-Age nor expires. (These read the session: with
                // SESSION_SAVE_EVERY_REQUEST and a view that never touched it, this is where it is loaded.)
                Integer maxAge = null;
                Instant expires = null;
                try {
                    if (!session.getExpireAtBrowserClose()) {
                        maxAge = session.getExpiryAge();
                        expires = Instant.now().plusSeconds(maxAge);
                    }
                    session.save();
                } catch (SessionStore.UpdateError gone) {
                    // Another request deleted this session meanwhile: do not bring it back
                    // (Django's SessionInterrupted).
                    // Django answers with a new 400 response, so nothing of this one is sent, Vary included.
                    request.getResponseHeaders().remove(Headers.VARY);
                    Response.replace(request, Response.badRequest());
                    UnderTheHood.note(request, "Decision", "the session was deleted before the request completed: 400");
                    return;
                } catch (DatabaseError failed) {
                    // Read-only, full, or the table is gone: nothing was stored, so no key goes out either.
                    Response.replace(request, Response.databaseUnavailable(request, failed));
                    UnderTheHood.note(request, "Decision", "the database could not load or save the session: 503");
                    return;
                }
                request.getResponseHeaders().add(Headers.SET_COOKIE, Cookies.setCookie(
                        settings.SESSION_COOKIE_NAME, session.getSessionKey(), maxAge, expires,
                        settings.SESSION_COOKIE_DOMAIN, settings.SESSION_COOKIE_PATH, settings.SESSION_COOKIE_SECURE,
                        settings.SESSION_COOKIE_HTTPONLY, settings.SESSION_COOKIE_SAMESITE));
            }
        }
        // endregion:process-response
        explain(request, session, sessionKey, viewAccessed, viewModified);
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

    /** Notes for the "Under the hood" panel: what the middleware found and did, and why. */
    private void explain(HttpServerExchange request, Session session, String sessionKey, boolean accessed,
            boolean modified) {
        String cookie = settings.SESSION_COOKIE_NAME;
        if (sessionKey == null) {
            UnderTheHood.note(request, "Session cookie received", "none: a new browser, or one that refuses cookies");
        } else if (session.keyFromCookieRejected()) {
            UnderTheHood.note(request, "Session cookie received", cookie + "=" + sessionKey
                    + ": this server has no such session (forged, expired, or from another server), so the key"
                    + " is not adopted; a new session starts");
        } else {
            UnderTheHood.note(request, "Session cookie received", cookie + "=" + sessionKey
                    + (session.keyFromCookieKnown() ? ": a session this server knows" : ""));
        }
        UnderTheHood.note(request, "accessed", accessed
                ? "yes: the view read or wrote the session"
                : "no: the view never touched the session" + (session.loaded() ? ""
                        : ", so it was not even loaded from the database"));
        UnderTheHood.note(request, "modified", modified
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
        String decision = decision(session, sessionKey != null, accessed, modified, Response.of(request).status);
        UnderTheHood.note(request, "Decision", decision);
        if (request.getResponseHeaders().contains(Headers.SET_COOKIE)) {
            UnderTheHood.note(request, "Cookie attributes",
                    cookieAttributes(session, sessionKey != null && session.isEmpty()));
        }
    }

    /** The rule of process-response that applied, in words, in the same order as the code above. */
    private String decision(Session session, boolean cookieSent, boolean accessed, boolean modified, int status) {
        if (cookieSent && session.isEmpty()) {
            return "the browser sent a session cookie, but the session is empty now: nothing saved, and the cookie"
                    + " is deleted (an empty value that expired in 1970); Vary: Cookie sent";
        }
        String vary = accessed ? "; Vary: Cookie sent, because this page depends on the session cookie" : "";
        boolean saveEveryRequest = settings.SESSION_SAVE_EVERY_REQUEST;
        if (!modified && !saveEveryRequest) {
            return (accessed ? "the view only read the session: nothing saved, no cookie sent"
                    : "the view did not use the session: nothing loaded, nothing saved, no cookie sent")
                    + (cookieSent ? "; the browser keeps the cookie it has" : "") + vary;
        }
        if (session.isEmpty()) {
            return "the session is empty and the browser has no session cookie: nothing to save, no cookie sent" + vary;
        }
        if (status >= 500) {
            return "the response is a server error (" + status + ")"
                    + (modified ? ", after the view changed the session" : "")
                    + ": nothing saved, no cookie sent" + vary;
        }
        if (!modified) {
            return "the view did not change the session, but SESSION_SAVE_EVERY_REQUEST is on:"
                    + " saved it again under key "
                    + session.getSessionKey() + " and re-sent the cookie, with a fresh expiry"
                    + (accessed ? "" : " (the view never touched the session, so the middleware loaded it first:"
                            + " one read and one write of the store)") + vary;
        }
        return "the view changed the session: saved it under key " + session.getSessionKey()
                + " and sent the cookie, with a fresh expiry" + vary;
    }

    /** What set_expiry chose and what it gives, in Django's words. The data is in memory: nothing is loaded. */
    private String expiry(Session session) {
        Object chosen = session.get(Session.EXPIRY_KEY);
        return "get_expiry_age(): " + session.getExpiryAge() + " s; get_expiry_date(): "
                + session.getExpiryDate().truncatedTo(ChronoUnit.SECONDS)
                + "; get_expire_at_browser_close(): " + session.getExpireAtBrowserClose()
                + (chosen == null ? " (no set_expiry: the settings SESSION_COOKIE_AGE=" + settings.SESSION_COOKIE_AGE
                        + " and SESSION_EXPIRE_AT_BROWSER_CLOSE=" + settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
                        + " decide)"
                        : " (set_expiry chose " + chosen + ", kept in the session as " + Session.EXPIRY_KEY + ")");
    }

    /** Each attribute of the Set-Cookie header and the setting it comes from. */
    private String cookieAttributes(Session session, boolean deleted) {
        StringBuilder lines = new StringBuilder();
        if (deleted) {
            lines.append("a deletion: empty value, expires in 1970 and Max-Age=0; it names the cookie's Domain, Path"
                    + " and SameSite so that it replaces the right cookie, and never HttpOnly or Secure\n");
        } else if (session.getExpireAtBrowserClose()) {
            lines.append("no Max-Age, no expires: a browser-session cookie, dropped when the browser closes ("
                    + (session.get(Session.EXPIRY_KEY) == null
                            ? "SESSION_EXPIRE_AT_BROWSER_CLOSE=true"
                            : "set_expiry(0)")
                    + "); the stored session still expires in " + session.getExpiryAge() + " s\n");
        } else {
            lines.append("Max-Age=").append(session.getExpiryAge()).append(" and expires: get_expiry_age() ("
                    + (session.get(Session.EXPIRY_KEY) == null ? "SESSION_COOKIE_AGE" : "set_expiry") + ")\n");
        }
        lines.append("Domain: ").append(settings.SESSION_COOKIE_DOMAIN == null ? "none, so only this host gets it back"
                : settings.SESSION_COOKIE_DOMAIN).append(" (SESSION_COOKIE_DOMAIN)\n");
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
}
