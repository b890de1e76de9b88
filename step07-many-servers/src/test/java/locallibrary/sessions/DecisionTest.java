package locallibrary.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.util.HttpString;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import locallibrary.DatabaseError;
import locallibrary.Settings;
import locallibrary.TestChain;
import locallibrary.web.ConvertExceptionToResponse;
import locallibrary.web.Response;
import locallibrary.web.SendResponse;
import org.junit.jupiter.api.Test;

/**
 * Each rule of SessionMiddleware, over HTTP: the decision it records on the request (copied into a
 * "Decision" header by a test handler) and the headers it sends, together.
 */
class DecisionTest {

    private static final Pattern SESSION_COOKIE = Pattern.compile("sessionid=([a-z0-9]{32}); expires=.*");
    private static final String DELETED =
            "sessionid=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax";

    private final InMemorySessionStore store = new InMemorySessionStore();

    @Test
    void aViewThatNeverTouchesTheSessionIsNotUsed() throws Exception {
        try (TestChain chain = serve(Map.of(), store)) {
            HttpResponse<String> response = chain.get("/untouched", "sessionid=" + newSession(chain));
            assertDecision("NOT_USED", response);
            assertEquals(Optional.empty(), response.headers().firstValue("Set-Cookie"));
            assertEquals(Optional.empty(), response.headers().firstValue("Vary"));
        }
    }

    @Test
    void aViewThatOnlyReadsIsReadOnly() throws Exception {
        try (TestChain chain = serve(Map.of(), store)) {
            HttpResponse<String> response = chain.get("/read", "sessionid=" + newSession(chain));
            assertDecision("READ_ONLY", response);
            assertEquals(Optional.empty(), response.headers().firstValue("Set-Cookie"));
            assertEquals(Optional.of("Cookie"), response.headers().firstValue("Vary"));
        }
    }

    @Test
    void aModifiedButEmptySessionHasNothingToSave() throws Exception {
        try (TestChain chain = serve(Map.of(), store)) {
            HttpResponse<String> response = chain.get("/mark-modified", null);
            assertDecision("NOTHING_TO_SAVE", response);
            assertEquals(Optional.empty(), response.headers().firstValue("Set-Cookie"));
        }
    }

    @Test
    void aChangedSessionIsSavedAndItsCookieSent() throws Exception {
        try (TestChain chain = serve(Map.of(), store)) {
            HttpResponse<String> response = chain.get("/write", null);
            assertDecision("SAVED", response);
            assertTrue(store.exists(keyIn(response)));
            assertEquals(Optional.of("Cookie"), response.headers().firstValue("Vary"));
        }
    }

    @Test
    void anEmptiedSessionWhoseBrowserSentACookieHasItDeleted() throws Exception {
        try (TestChain chain = serve(Map.of(), store)) {
            HttpResponse<String> response = chain.get("/read", "sessionid=abcdefghijklmnopqrstuvwxyz012345");
            assertDecision("COOKIE_DELETED", response);
            assertEquals(Optional.of(DELETED), response.headers().firstValue("Set-Cookie"));
            assertEquals(Optional.of("Cookie"), response.headers().firstValue("Vary"));
        }
    }

    @Test
    void aServerErrorSavesNothing() throws Exception {
        try (TestChain chain = serve(Map.of(), store)) {
            HttpResponse<String> response = chain.get("/crash", null);
            assertEquals(500, response.statusCode());
            assertDecision("SERVER_ERROR", response);
            assertEquals(Optional.empty(), response.headers().firstValue("Set-Cookie"));
            assertEquals(Optional.of("Cookie"), response.headers().firstValue("Vary"));
        }
    }

    @Test
    void aSessionDeletedWhileTheRequestRanIsInterrupted() throws Exception {
        try (TestChain chain = serve(Map.of(), store)) {
            HttpResponse<String> response = chain.get("/delete-meanwhile", "sessionid=" + newSession(chain));
            assertEquals(400, response.statusCode());
            assertDecision("INTERRUPTED", response);
            assertEquals(Optional.empty(), response.headers().firstValue("Set-Cookie"));
            assertEquals(Optional.empty(), response.headers().firstValue("Vary"));
        }
    }

    @Test
    void aSaveTheDatabaseRefusesIsDatabaseUnavailable() throws Exception {
        SessionStore refusing = (SessionStore) Proxy.newProxyInstance(SessionStore.class.getClassLoader(),
                new Class<?>[] {SessionStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("save")) {
                        throw new DatabaseError(new SQLException("disk full"));
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        try (TestChain chain = serve(Map.of(), refusing)) {
            HttpResponse<String> response = chain.get("/write", null);
            assertEquals(503, response.statusCode());
            assertDecision("DATABASE_UNAVAILABLE", response);
            assertEquals(Optional.empty(), response.headers().firstValue("Set-Cookie"));
        }
    }

    @Test
    void sessionSaveEveryRequestSavesAnUnchangedSession() throws Exception {
        try (TestChain chain = serve(Map.of("SESSION_SAVE_EVERY_REQUEST", "true"), store)) {
            String key = newSession(chain);
            HttpResponse<String> response = chain.get("/read", "sessionid=" + key);
            assertDecision("SAVED_EVERY_REQUEST", response);
            assertEquals(key, keyIn(response));
            assertEquals(Optional.of("Cookie"), response.headers().firstValue("Vary"));
        }
    }

    /** The real middleware around a few test views, and a test handler that shows the recorded decision. */
    private TestChain serve(Map<String, String> settings, SessionStore sessions) {
        HttpHandler views = new RoutingHandler()
                .get("/untouched", Response.view(request -> Response.html("untouched")))
                .get("/read", Response.view(request -> Response.html("n=" + Session.of(request).get("n", 0))))
                .get("/write", Response.view(request -> {
                    Session.of(request).put("n", Session.of(request).get("n", 0) + 1);
                    return Response.html("written");
                }))
                .get("/mark-modified", Response.view(request -> {
                    Session.of(request).modified = true;
                    return Response.html("marked");
                }))
                .get("/crash", Response.view(request -> {
                    Session.of(request).put("n", 1);
                    throw new IllegalStateException("a bug in the view, after it changed the session");
                }))
                .get("/delete-meanwhile", Response.view(request -> {
                    Session session = Session.of(request);
                    int n = session.get("n", 0);
                    store.delete(session.getSessionKey());
                    session.put("n", n + 1);
                    return Response.html("too late");
                }));
        HttpHandler middleware = new SessionMiddleware(views, Settings.load(settings), sessions);
        HttpHandler showDecision = exchange -> {
            middleware.handleRequest(exchange);
            exchange.getResponseHeaders().put(new HttpString("Decision"), Decision.of(exchange).decision().name());
        };
        return TestChain.serve(new SendResponse(new ConvertExceptionToResponse(showDecision)));
    }

    private String newSession(TestChain chain) throws Exception {
        return keyIn(chain.get("/write", null));
    }

    private static String keyIn(HttpResponse<String> response) {
        String header = response.headers().firstValue("Set-Cookie").orElse("");
        Matcher cookie = SESSION_COOKIE.matcher(header);
        assertTrue(cookie.matches(), header);
        return cookie.group(1);
    }

    private static void assertDecision(String expected, HttpResponse<String> response) {
        assertEquals(Optional.of(expected), response.headers().firstValue("Decision"), response.body());
    }
}
