package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.undertow.server.HttpHandler;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.logging.LogRecord;
import locallibrary.web.ConvertExceptionToResponse;
import locallibrary.web.Response;
import locallibrary.web.SendResponse;
import locallibrary.web.UnderTheHood;
import org.junit.jupiter.api.Test;

/**
 * The chain of handlers: one boundary turns an exception from any layer into Django's plain 500 page and
 * one log line, and the panel only adds to a page, so the app works without it.
 */
class HandlerChainTest {

    @Test
    void withoutThePanelTheAppStillAnswersWithThePage() throws Exception {
        try (TestChain chain = TestChain.serve(new SendResponse(new ConvertExceptionToResponse(Urls.patterns())))) {
            HttpResponse<String> home = chain.get("/", null);
            assertEquals(200, home.statusCode());
            assertEquals(Optional.of("text/html; charset=utf-8"), home.headers().firstValue("Content-Type"));
            assertTrue(home.body().contains("<h1>Local Library Home</h1>"), home.body());
            assertFalse(home.body().contains("under-the-hood"), home.body());
        }
    }

    @Test
    void anExceptionOutsideAnyViewIsDjangosPlain500PageAndOneLogLine() throws Exception {
        HttpHandler bug = exchange -> {
            throw new IllegalStateException("a bug outside any view");
        };
        assertPlain500AndOneLogLine(new UnderTheHood(bug), null);
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
