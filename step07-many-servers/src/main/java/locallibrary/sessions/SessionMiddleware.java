package locallibrary.sessions;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.time.Instant;
import locallibrary.DatabaseError;
import locallibrary.Settings;
import locallibrary.web.Cookie;
import locallibrary.web.Cookies;
import locallibrary.web.Response;

/**
 * Django's SessionMiddleware: gives every request the session named by its cookie, and after the view
 * has run, applies Django's rules: save and send the cookie if the view changed the session, delete the
 * cookie if the session ended up empty, add Vary: Cookie if the view used it, save nothing after a server
 * error. Each way it can end is a {@link Decision}, recorded on the request.
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

        // What the view did, read first (as Django does): the rules below may read the session themselves.
        boolean accessed = session.accessed;
        boolean modified = session.modified;
        Decision decision = processResponse(request, session, sessionKey != null, accessed, modified);
        decision.recordOn(request, sessionKey, accessed, modified);
    }

    /** Django's process_response: its rules in its order. The value says which one applied. */
    private Decision processResponse(HttpServerExchange request, Session session, boolean cookieSent,
            boolean accessed, boolean modified) {
        // region:process-response
        // Asked once, before anything below can load the session (Django computes it first, too).
        boolean empty = session.isEmpty();
        if (cookieSent && empty) {
            // The browser holds a cookie for a session that is gone or emptied: tell it to drop the cookie.
            request.getResponseHeaders().add(Headers.SET_COOKIE, Cookies.deleteCookie(settings.SESSION_COOKIE_NAME,
                    settings.SESSION_COOKIE_PATH, settings.SESSION_COOKIE_DOMAIN, settings.SESSION_COOKIE_SAMESITE));
            request.getResponseHeaders().add(Headers.VARY, "Cookie");
            return Decision.COOKIE_DELETED;
        }
        if (accessed) {
            // The page depends on the cookie: a cache must not give it to another browser.
            request.getResponseHeaders().add(Headers.VARY, "Cookie");
        }
        // SESSION_SAVE_EVERY_REQUEST saves even an unchanged session, so that its expiry slides.
        if (!modified && !settings.SESSION_SAVE_EVERY_REQUEST) {
            return accessed ? Decision.READ_ONLY : Decision.NOT_USED;
        }
        // endregion:process-response
        if (empty) {
            return Decision.NOTHING_TO_SAVE;
        }
        // A view that failed may have changed the session halfway: nothing is saved after a server error.
        if (Response.of(request).status >= 500) {
            return Decision.SERVER_ERROR;
        }
        // region:process-response
        // A browser-session cookie has neither Max-Age nor expires. (This may be the session's first load.)
        Integer maxAge = null;
        Instant expires = null;
        try {
            if (!session.getExpireAtBrowserClose()) {
                maxAge = session.getExpiryAge();
                expires = Instant.now().plusSeconds(maxAge);
            }
            session.save();
            // endregion:process-response
        } catch (SessionStore.UpdateError gone) {
            // Another request deleted this session meanwhile: do not bring it back (Django's SessionInterrupted).
            // Django answers with a new 400 response, so nothing of this one is sent, Vary included.
            request.getResponseHeaders().remove(Headers.VARY);
            Response.replace(request, Response.badRequest());
            return Decision.INTERRUPTED;
        } catch (DatabaseError failed) {
            // Read-only, full, or the table is gone: nothing was stored, so no key goes out either.
            Response.replace(request, Response.databaseUnavailable(request, failed));
            return Decision.DATABASE_UNAVAILABLE;
        }
        // region:process-response
        request.getResponseHeaders().add(Headers.SET_COOKIE, Cookies.setCookie(
                new Cookie(settings.SESSION_COOKIE_NAME, session.getSessionKey()).maxAge(maxAge).expires(expires)
                        .domain(settings.SESSION_COOKIE_DOMAIN).path(settings.SESSION_COOKIE_PATH)
                        .secure(settings.SESSION_COOKIE_SECURE).httpOnly(settings.SESSION_COOKIE_HTTPONLY)
                        .sameSite(settings.SESSION_COOKIE_SAMESITE)));
        return modified ? Decision.SAVED : Decision.SAVED_EVERY_REQUEST;
        // endregion:process-response
    }
}
