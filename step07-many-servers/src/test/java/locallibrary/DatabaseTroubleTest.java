package locallibrary;

import static locallibrary.DatabaseSessionsTest.row;
import static locallibrary.DatabaseSessionsTest.rowCount;
import static locallibrary.DatabaseSessionsTest.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import locallibrary.web.Response;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/**
 * Chapter 03's claims about database trouble: a read-only database, a full disk, a table dropped while the
 * server runs. A request that meets it gets a short 503 page and one log line naming the cause: no stack
 * trace, no cookie for a session that was not stored, and no row changed.
 */
class DatabaseTroubleTest {

    static final String SERVICE_UNAVAILABLE = "<h1>Service Unavailable (503)</h1>"
            + "<p>The database is not available right now. Please try again in a moment.</p>";

    @Test
    void aReadOnlyDatabaseAnswers503AndNoRowChanges() throws Exception {
        try (TestServer server = TestServer.start();
                WebClient alice = TestServer.browser();
                WebClient bob = TestServer.browser();
                LogRecords log = LogRecords.of(Response.class.getName())) {
            alice.getPage(server.url("/"));
            alice.getPage(server.url("/"));
            String key = key(alice);
            Map<String, String> before = row(server.databasePath(), key);

            // SQLite's own read-only switch, on the server's connection: every write fails with SQLITE_READONLY.
            // (Taking the file's write permission away does not stop root, who runs the tests in CI.)
            pragma(server, "query_only = ON");
            assertServiceUnavailable(alice.getPage(server.url("/"))); // her visit cannot be saved
            assertServiceUnavailable(bob.getPage(server.url("/"))); // his new session cannot be stored
            assertEquals(before, row(server.databasePath(), key));
            assertEquals(1, rowCount(server.databasePath()));
            assertEquals(key, key(alice));
            assertNull(bob.getCookieManager().getCookie("sessionid"));
            assertOneLinePerRequestNaming("attempt to write a readonly database", log.all(), 2);

            pragma(server, "query_only = OFF");
            // The refused visit did not count.
            assertEquals("You have visited this page 3 times.", numVisits(alice.getPage(server.url("/"))));
        }
    }

    @Test
    void aFullDiskAnswers503ToANewVisitorAndNoRowChanges() throws Exception {
        try (TestServer server = TestServer.start();
                WebClient alice = TestServer.browser();
                WebClient bob = TestServer.browser();
                LogRecords log = LogRecords.of(Response.class.getName())) {
            alice.getPage(server.url("/"));
            // A big row fills the table's last page (4 KB) nearly to the brim; what it holds does not matter.
            sql(server.databasePath(), "INSERT INTO django_session VALUES ('bigrow0000000000000000000000000000', '"
                    + "b".repeat(3980) + "', '2100-01-01 00:00:00')");
            Map<String, String> aliceBefore = row(server.databasePath(), key(alice));
            Map<String, String> bigBefore = row(server.databasePath(), "bigrow0000000000000000000000000000");

            // The disk is full: the server's connection may not grow the file by a single page. (SQLite
            // raises a maximum below the file's size to that size, so 1 means "as big as it is now".)
            pragma(server, "max_page_count = 1");
            assertServiceUnavailable(bob.getPage(server.url("/"))); // a new row needs a new page
            assertNull(bob.getCookieManager().getCookie("sessionid"));
            assertEquals(aliceBefore, row(server.databasePath(), key(alice)));
            assertEquals(bigBefore, row(server.databasePath(), "bigrow0000000000000000000000000000"));
            assertEquals(2, rowCount(server.databasePath()));
            assertOneLinePerRequestNaming("database or disk is full", log.all(), 1);

            pragma(server, "max_page_count = 1000000000");
            assertEquals("You have visited this page 1 time.", numVisits(bob.getPage(server.url("/"))));
        }
    }

    @Test
    void aTableDroppedWhileTheServerRunsAnswers503UntilARestartCreatesItAgain() throws Exception {
        try (TestServer server = TestServer.start();
                WebClient alice = TestServer.browser();
                WebClient bob = TestServer.browser();
                LogRecords log = LogRecords.of(Response.class.getName())) {
            alice.getPage(server.url("/"));
            String key = key(alice);

            sql(server.databasePath(), "DROP TABLE django_session");
            assertServiceUnavailable(alice.getPage(server.url("/"))); // loading her session, in the view
            assertServiceUnavailable(bob.getPage(server.url("/"))); // making a key for his, in the middleware
            assertEquals(key, key(alice));
            assertNull(bob.getCookieManager().getCookie("sessionid"));
            assertOneLinePerRequestNaming("no such table: django_session", log.all(), 2);

            // A restart creates the table again, empty: the sessions went with the old one, as in Django.
            server.restart();
            assertEquals("You have visited this page 1 time.", numVisits(alice.getPage(server.url("/"))));
            assertNotEquals(key, key(alice));
        }
    }

    /** The 503 page, exactly: no stack trace, no panel, and no cookie. */
    private static void assertServiceUnavailable(Page page) {
        assertEquals(503, page.getWebResponse().getStatusCode());
        assertEquals(SERVICE_UNAVAILABLE, page.getWebResponse().getContentAsString());
        assertNull(page.getWebResponse().getResponseHeaderValue("Set-Cookie"));
    }

    /** One SEVERE line for each failed request, naming SQLite's reason, without a stack trace. */
    private static void assertOneLinePerRequestNaming(String cause, List<LogRecord> records, int requests) {
        assertEquals(requests, records.size(), records.toString());
        for (LogRecord record : records) {
            assertEquals(Level.SEVERE, record.getLevel());
            assertTrue(record.getMessage().startsWith("Service Unavailable: /: "), record.getMessage());
            assertTrue(record.getMessage().contains(cause), record.getMessage());
            assertFalse(record.getMessage().contains("\n"), record.getMessage());
            assertNull(record.getThrown());
        }
    }

    /** A PRAGMA on the server's own connection, under the lock its requests take (max_page_count answers a row). */
    private static void pragma(TestServer server, String pragma) {
        Database db = server.database();
        if (pragma.startsWith("max_page_count")) {
            db.queryFirst("PRAGMA " + pragma, row -> row.getLong(1));
        } else {
            db.update("PRAGMA " + pragma);
        }
    }

    private static String key(WebClient browser) {
        return browser.getCookieManager().getCookie("sessionid").getValue();
    }

    private static String numVisits(Page page) {
        return ((HtmlPage) page).getElementById("num-visits").asNormalizedText();
    }
}
