package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.LogRecord;
import locallibrary.catalog.Catalog;
import locallibrary.sessions.InMemorySessionStore;
import locallibrary.sessions.Session;
import locallibrary.sessions.SessionMiddleware;
import locallibrary.sessions.SessionStore;
import locallibrary.web.ConvertExceptionToResponse;
import locallibrary.web.Response;
import locallibrary.web.SendResponse;
import locallibrary.web.UnderTheHood;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain of handlers: one boundary turns an exception from any layer into Django's plain 500 page and
 * one log line, and the panel only adds to a page, so the app works without it.
 */
class HandlerChainTest {

    @Test
    void withoutThePanelTheAppStillAnswersWithThePage(@TempDir Path folder) throws Exception {
        Settings settings = Settings.load(Map.of("DATABASE_PATH", folder.resolve("db.sqlite3").toString()));
        try (Database db = Database.open(settings.DATABASE_PATH)) {
            HttpHandler views = Urls.patterns(new Catalog(db));
            HttpHandler app = new SessionMiddleware(views, settings, new InMemorySessionStore());
            try (TestChain chain = TestChain.serve(new SendResponse(new ConvertExceptionToResponse(app)))) {
                HttpResponse<String> home = chain.get("/", null);
                assertEquals(200, home.statusCode());
                assertEquals(Optional.of("text/html; charset=utf-8"), home.headers().firstValue("Content-Type"));
                assertTrue(home.body().contains("You have visited this page 1 time."), home.body());
                assertFalse(home.body().contains("under-the-hood"), home.body());
                assertTrue(home.headers().firstValue("Set-Cookie").orElse("").startsWith("sessionid="));
            }
        }
    }

    @Test
    void anExceptionOutsideAnyViewIsDjangosPlain500PageAndOneLogLine() throws Exception {
        HttpHandler bug = exchange -> {
            throw new IllegalStateException("a bug outside any view");
        };
        assertPlain500AndOneLogLine(new UnderTheHood(bug), null);
    }

    @Test
    void anExceptionInsideTheMiddlewareIsDjangosPlain500PageAndOneLogLine() throws Exception {
        // A store that fails when the middleware saves, after the view (a full disk, a value it cannot write).
        SessionStore memory = new InMemorySessionStore();
        SessionStore failing = (SessionStore) Proxy.newProxyInstance(SessionStore.class.getClassLoader(),
                new Class<?>[] {SessionStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("save")) {
                        throw new IllegalStateException("the store cannot write");
                    }
                    try {
                        return method.invoke(memory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        HttpHandler view = new RoutingHandler().get("/", Response.view(request -> {
            Session.of(request).put("num_visits", 1);
            return Response.html("<html><body>counted</body></html>");
        }));
        HttpHandler app = new UnderTheHood(new SessionMiddleware(view, Settings.load(), failing));
        HttpResponse<String> page = assertPlain500AndOneLogLine(app, "the store cannot write");
        // A new response, as Django makes one: nothing of the failed one goes out.
        assertEquals(Optional.empty(), page.headers().firstValue("Set-Cookie"));
        assertEquals(Optional.empty(), page.headers().firstValue("Vary"));
    }

    private static HttpResponse<String> assertPlain500AndOneLogLine(HttpHandler app, String cause) throws Exception {
        try (TestChain chain = TestChain.serve(new SendResponse(new ConvertExceptionToResponse(app)));
                LogRecords log = LogRecords.of(Response.class.getName())) {
            HttpResponse<String> page = chain.get("/", null);
            assertEquals(500, page.statusCode());
            assertEquals("<h1>Server Error (500)</h1>", page.body());
            assertEquals(Optional.of("text/html; charset=utf-8"), page.headers().firstValue("Content-Type"));
            List<LogRecord> lines = log.all();
            assertEquals(1, lines.size(), lines.toString());
            assertEquals("Internal Server Error: /", lines.get(0).getMessage());
            if (cause != null) {
                assertEquals(cause, lines.get(0).getThrown().getMessage());
            }
            return page;
        }
    }
}
