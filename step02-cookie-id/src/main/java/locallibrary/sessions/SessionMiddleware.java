package locallibrary.sessions;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.time.Instant;
import locallibrary.Settings;
import locallibrary.web.Cookie;
import locallibrary.web.Cookies;

/**
 * Django's SessionMiddleware: gives every request the session named by its cookie, and after the view
 * has run, saves the session and sends the cookie back if the view changed it. Each way it can end is a
 * {@link Decision}, recorded on the request.
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
        Decision decision = processResponse(request, session, accessed, modified);
        decision.recordOn(request, sessionKey, accessed, modified);
    }

    /** Django's process_response: its rules in its order. The value says which one applied. */
    private Decision processResponse(HttpServerExchange request, Session session, boolean accessed, boolean modified) {
        // region:process-response
        boolean empty = session.isEmpty();
        if (accessed) {
            // The page depends on the cookie: a cache must not give it to another browser.
            request.getResponseHeaders().add(Headers.VARY, "Cookie");
        }
        if (!modified) {
            return accessed ? Decision.READ_ONLY : Decision.NOT_USED;
        }
        if (empty) {
            return Decision.NOTHING_TO_SAVE;
        }
        session.save();
        int maxAge = session.getExpiryAge();
        request.getResponseHeaders().add(Headers.SET_COOKIE, Cookies.setCookie(
                new Cookie(settings.SESSION_COOKIE_NAME, session.getSessionKey())
                        .maxAge(maxAge).expires(Instant.now().plusSeconds(maxAge)).httpOnly(true).sameSite("Lax")));
        return Decision.SAVED;
        // endregion:process-response
    }
}
