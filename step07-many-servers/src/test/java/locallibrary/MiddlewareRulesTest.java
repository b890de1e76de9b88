package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Chapter 04's table: Django's SessionMiddleware.process_response, rule by rule, seen in the headers and
 * in the django_session table. The cookie is sent by hand, as a browser would send it.
 */
class MiddlewareRulesTest {

    private static final Pattern SESSION_COOKIE = Pattern.compile("sessionid=([a-z0-9]{32}); .*");
    /** Django's delete_cookie, as real Django 3.2 sends it (../shared/reference/django-headers.md). */
    private static final String DELETED =
            "sessionid=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax";
    private static final String UNKNOWN_KEY = "abcdefghijklmnopqrstuvwxyz012345";

    @Test
    void aReadOnlyRequestSendsNoCookieAndRewritesNoRowButVariesOnCookie() throws Exception {
        try (TestServer server = TestServer.start()) {
            String key = newSession(server);
            Map<String, String> before = DatabaseSessionsTest.row(server.databasePath(), key);
            HttpResponse<String> peek = get(server, "/visit/peek", "sessionid=" + key);
            assertEquals(200, peek.statusCode());
            assertTrue(peek.body().contains("Visit count:1 (read, not counted)"), peek.body());
            assertEquals(Optional.empty(), peek.headers().firstValue("Set-Cookie"));
            assertEquals(Optional.of("Cookie"), peek.headers().firstValue("Vary"));
            // Same data, same expire_date to the microsecond: the row was not written.
            assertEquals(before, DatabaseSessionsTest.row(server.databasePath(), key));
        }
    }

    @Test
    void aModifiedSessionIsSavedAndItsCookieSentAgain() throws Exception {
        try (TestServer server = TestServer.start()) {
            String key = newSession(server);
            Map<String, String> before = DatabaseSessionsTest.row(server.databasePath(), key);
            HttpResponse<String> visit = get(server, "/visit", "sessionid=" + key);
            assertEquals("Visit count:2", visit.body());
            assertEquals(key, keyIn(visit));
            assertEquals(Optional.of("Cookie"), visit.headers().firstValue("Vary"));
            Map<String, String> after = DatabaseSessionsTest.row(server.databasePath(), key);
            assertFalse(before.get("session_data").equals(after.get("session_data")));
            assertTrue(after.get("expire_date").compareTo(before.get("expire_date")) > 0, before + " then " + after);
        }
    }

    @Test
    void aRequestThatNeverTouchesTheSessionDoesNoSessionWork() throws Exception {
        try (TestServer server = TestServer.start()) {
            String key = newSession(server);
            Map<String, String> before = DatabaseSessionsTest.row(server.databasePath(), key);
            for (String path : new String[] {"/favicon.ico", "/static/css/styles.css"}) {
                HttpResponse<String> response = get(server, path, "sessionid=" + key);
                assertEquals(Optional.empty(), response.headers().firstValue("Set-Cookie"), path);
                assertEquals(Optional.empty(), response.headers().firstValue("Vary"), path);
            }
            assertEquals(before, DatabaseSessionsTest.row(server.databasePath(), key));
            // Not even read: a key the server does not know goes unnoticed, where a read would delete the cookie.
            HttpResponse<String> unknown = get(server, "/favicon.ico", "sessionid=" + UNKNOWN_KEY);
            assertEquals(404, unknown.statusCode());
            assertEquals(Optional.empty(), unknown.headers().firstValue("Set-Cookie"));
        }
    }

    @Test
    void anEmptiedSessionDeletesTheCookieInDjangosForm() throws Exception {
        try (TestServer server = TestServer.start()) {
            String key = newSession(server);
            HttpResponse<String> flush = get(server, "/visit/flush", "sessionid=" + key);
            assertEquals(200, flush.statusCode());
            assertEquals(Optional.of(DELETED), flush.headers().firstValue("Set-Cookie"));
            assertEquals(1, flush.headers().allValues("Set-Cookie").size());
            assertEquals(Optional.of("Cookie"), flush.headers().firstValue("Vary"));
            assertNull(DatabaseSessionsTest.row(server.databasePath(), key));
            assertEquals(0, DatabaseSessionsTest.rowCount(server.databasePath()));
        }
    }

    @Test
    void aKeyTheServerDoesNotKnowIsDeletedByAViewThatReadsTheSession() throws Exception {
        try (TestServer server = TestServer.start()) {
            HttpResponse<String> peek = get(server, "/visit/peek", "sessionid=" + UNKNOWN_KEY);
            assertTrue(peek.body().contains("Visit count:0 (read, not counted)"), peek.body());
            assertEquals(Optional.of(DELETED), peek.headers().firstValue("Set-Cookie"));
            assertEquals(Optional.of("Cookie"), peek.headers().firstValue("Vary"));
            assertEquals(0, DatabaseSessionsTest.rowCount(server.databasePath()));
        }
    }

    @Test
    void anEmptySessionWithoutACookieSendsNoCookieAtAll() throws Exception {
        try (TestServer server = TestServer.start()) {
            HttpResponse<String> flush = get(server, "/visit/flush", null);
            assertEquals(Optional.empty(), flush.headers().firstValue("Set-Cookie"));
            assertEquals(Optional.of("Cookie"), flush.headers().firstValue("Vary"));
            assertEquals(0, DatabaseSessionsTest.rowCount(server.databasePath()));
        }
    }

    @Test
    void aServerErrorSavesNothing() throws Exception {
        try (TestServer server = TestServer.start()) {
            String key = newSession(server);
            Map<String, String> before = DatabaseSessionsTest.row(server.databasePath(), key);
            HttpResponse<String> crash = get(server, "/visit/crash", "sessionid=" + key);
            assertEquals(500, crash.statusCode());
            // Django's plain 500 page, and the panel below it.
            assertTrue(crash.body().startsWith("<h1>Server Error (500)</h1><section id=\"under-the-hood\""));
            assertEquals(Optional.empty(), crash.headers().firstValue("Set-Cookie"));
            assertEquals(Optional.of("Cookie"), crash.headers().firstValue("Vary"));
            assertEquals(before, DatabaseSessionsTest.row(server.databasePath(), key));
            assertTrue(get(server, "/visit/peek", "sessionid=" + key).body()
                    .contains("Visit count:1 (read, not counted)"));
            // A new browser whose first request fails gets no session at all.
            HttpResponse<String> fresh = get(server, "/visit/crash", null);
            assertEquals(500, fresh.statusCode());
            assertEquals(Optional.empty(), fresh.headers().firstValue("Set-Cookie"));
            assertEquals(1, DatabaseSessionsTest.rowCount(server.databasePath()));
        }
    }

    /** One visit to /visit without a cookie: the key of the session it made. */
    private static String newSession(TestServer server) throws Exception {
        HttpResponse<String> first = get(server, "/visit", null);
        assertEquals("Visit count:1", first.body());
        return keyIn(first);
    }

    private static String keyIn(HttpResponse<String> response) {
        String header = response.headers().firstValue("Set-Cookie").orElse("");
        Matcher cookie = SESSION_COOKIE.matcher(header);
        assertTrue(cookie.matches(), header);
        return cookie.group(1);
    }

    private static HttpResponse<String> get(TestServer server, String path, String cookieHeader) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path)));
        if (cookieHeader != null) {
            request.header("Cookie", cookieHeader);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
