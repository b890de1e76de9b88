package locallibrary.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.time.Instant;
import java.util.Map;
import locallibrary.Settings;
import locallibrary.web.Response;
import org.junit.jupiter.api.Test;

/** The middleware on its own, around a view that fails: the real classes, without a server. */
class SessionMiddlewareTest {

    @Test
    void aViewThatFailsAfterChangingTheSessionSavesNothingAndSendsNoCookie() throws Exception {
        SessionMiddleware middleware = new SessionMiddleware(Response.view(request -> {
            Session.of(request).put("num_visits", 1);
            throw new IllegalStateException("a bug in the view, after it changed the session");
        }), Settings.load(), new InMemorySessionStore());
        HttpServerExchange request = new HttpServerExchange(null);
        middleware.handleRequest(request);
        assertEquals(500, Response.of(request).status);
        assertNull(request.getResponseHeaders().get(Headers.SET_COOKIE));
        // No key was made: nothing was stored.
        assertNull(Session.of(request).getSessionKey());
        assertEquals("Cookie", request.getResponseHeaders().getFirst(Headers.VARY));
    }

    @Test
    void aSessionDeletedWhileTheRequestRanIsNotBroughtBack() throws Exception {
        String key = "storedsessionkey0123456789abcdef";
        InMemorySessionStore store = new InMemorySessionStore();
        store.save(key, Map.of("visit", 1), Instant.now().plusSeconds(60), true);
        // The view reads the session; meanwhile another request deletes it (a logout in another tab); the view writes.
        HttpHandler view = Response.view(request -> {
            Session session = Session.of(request);
            int visit = session.get("visit", 0);
            store.delete(key);
            session.put("visit", visit + 1);
            return Response.html("Visit count:" + (visit + 1));
        });
        HttpServerExchange request = new HttpServerExchange(null);
        request.getRequestHeaders().put(Headers.COOKIE, "sessionid=" + key);

        new SessionMiddleware(view, Settings.load(), store).handleRequest(request);

        // Django's SessionInterrupted: a new 400 response, so no cookie and no Vary; the session stays deleted.
        assertEquals(400, Response.of(request).status);
        assertNull(request.getResponseHeaders().get(Headers.SET_COOKIE));
        assertNull(request.getResponseHeaders().get(Headers.VARY));
        assertFalse(store.exists(key));
    }
}
