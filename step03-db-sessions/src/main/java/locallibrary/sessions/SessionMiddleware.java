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
 * has run, saves the session and sends the cookie back if the view changed it.
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
        if (session.accessed) {
            // The page depends on the cookie: a cache must not give it to another browser.
            request.getResponseHeaders().add(Headers.VARY, "Cookie");
        }
        if (session.modified && !session.isEmpty()) {
            try {
                session.save();
            } catch (SessionStore.UpdateError gone) {
                // Another request deleted this session meanwhile: do not bring it back (Django's SessionInterrupted).
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
                    + (session.accessed ? ": a session this server knows" : ""));
        }
        if (!session.accessed) {
            UnderTheHood.note(request, "Decision", "the view did not use the session: nothing to save or send");
            return;
        }
        if (!session.loaded()) {
            // The panel must not load the session itself: a load that just failed would fail again.
            UnderTheHood.note(request, "Decision", "the session could not be loaded: nothing saved, no cookie sent");
            return;
        }
        // Lazy, like the stored row: a response that shows no panel pays nothing for it.
        UnderTheHood.note(request, "Session data", () -> new String(SessionSerializer.dumps(session.items()), UTF_8));
        if (session.getSessionKey() != null) {
            UnderTheHood.note(request, "Stored row", () -> describe(store.storedRow(session.getSessionKey())));
        }
        if (session.modified) {
            UnderTheHood.note(request, "Decision", "the view changed the session: saved it under key "
                    + session.getSessionKey() + " and sent the cookie, with a fresh expiry");
        } else {
            UnderTheHood.note(request, "Decision", "the view only read the session: nothing saved, no cookie sent");
        }
        UnderTheHood.note(request, "Vary: Cookie", "sent, because this page depends on the session cookie");
    }
}
