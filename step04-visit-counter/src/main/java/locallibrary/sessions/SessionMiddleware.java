package locallibrary.sessions;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
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

        // region:process-response
        boolean cookieSent = sessionKey != null;
        if (cookieSent && session.isEmpty()) {
            // The browser holds a cookie for a session that is gone or emptied: tell it to drop the cookie.
            request.getResponseHeaders().add(Headers.SET_COOKIE,
                    Cookies.deleteCookie(settings.SESSION_COOKIE_NAME, "/", null, "Lax"));
            request.getResponseHeaders().add(Headers.VARY, "Cookie");
        } else {
            if (session.accessed) {
                // The page depends on the cookie: a cache must not give it to another browser.
                request.getResponseHeaders().add(Headers.VARY, "Cookie");
            }
            // A view that failed may have changed the session halfway: nothing is saved after a server error.
            if (session.modified && !session.isEmpty() && Response.of(request).status < 500) {
                try {
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
                    UnderTheHood.note(request, "Decision", "the database could not save the session: 503");
                    return;
                }
                int maxAge = session.getExpiryAge();
                request.getResponseHeaders().add(Headers.SET_COOKIE, Cookies.setCookie(
                        settings.SESSION_COOKIE_NAME, session.getSessionKey(), maxAge,
                        Instant.now().plusSeconds(maxAge), null, "/", false, true, "Lax"));
            }
        }
        // endregion:process-response
        explain(request, session, sessionKey);
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
    private void explain(HttpServerExchange request, Session session, String sessionKey) {
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
        UnderTheHood.note(request, "accessed", session.accessed
                ? "yes: the view read or wrote the session"
                : "no: the view never touched the session, so it was not even loaded from the database");
        UnderTheHood.note(request, "modified", session.modified
                ? "yes: the view changed the session"
                : "no: the view changed nothing in the session");
        // Only what is already in memory: the panel must not load the session (a failed load would fail again).
        if (session.loaded()) {
            // Lazy, like the stored row: a response that shows no panel pays nothing for it.
            UnderTheHood.note(request, "Session data",
                    () -> new String(SessionSerializer.dumps(session.items()), UTF_8));
            if (session.getSessionKey() != null) {
                UnderTheHood.note(request, "Stored row", () -> describe(store.storedRow(session.getSessionKey())));
            }
        }
        UnderTheHood.note(request, "Decision", decision(session, sessionKey != null, Response.of(request).status));
    }

    /** The rule of process-response that applied, in words, in the same order as the code above. */
    private static String decision(Session session, boolean cookieSent, int status) {
        if (cookieSent && session.isEmpty()) {
            return "the browser sent a session cookie, but the session is empty now: nothing saved, and the cookie"
                    + " is deleted (an empty value that expired in 1970); Vary: Cookie sent";
        }
        String vary = session.accessed ? "; Vary: Cookie sent, because this page depends on the session cookie" : "";
        if (!session.modified) {
            return (session.accessed ? "the view only read the session: nothing saved, no cookie sent"
                    : "the view did not use the session: nothing loaded, nothing saved, no cookie sent")
                    + (cookieSent ? "; the browser keeps the cookie it has" : "") + vary;
        }
        if (session.isEmpty()) {
            return "the session is empty and the browser has no session cookie: nothing to save, no cookie sent" + vary;
        }
        if (status >= 500) {
            return "the view changed the session but the response is a server error (" + status
                    + "): nothing saved, no cookie sent" + vary;
        }
        return "the view changed the session: saved it under key " + session.getSessionKey()
                + " and sent the cookie, with a fresh expiry" + vary;
    }
}
