package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.Cookie;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chapter 03's claims: sessions live in the django_session table, as Django keeps them. */
class DatabaseSessionsTest {

    @Test
    void theRowAppearsAfterTheFirstVisitUnderTheCookiesKey() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            assertEquals(0, rowCount(server.databasePath()));
            browser.getPage(server.url("/"));
            String key = browser.getCookieManager().getCookie("sessionid").getValue();
            Map<String, String> row = row(server.databasePath(), key);
            assertEquals(key, row.get("session_key"));
            assertTrue(row.get("session_data").matches("[A-Za-z0-9_\\-.]+:[0-9A-Za-z]+:[A-Za-z0-9_\\-]{43}"),
                    row.get("session_data"));
            assertTrue(row.get("expire_date").matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?"),
                    row.get("expire_date"));
        }
    }

    @Test
    void theCountSurvivesARestart() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            browser.getPage(server.url("/"));
            browser.getPage(server.url("/"));
            server.restart();
            assertEquals("You have visited this page 3 times.", numVisits(browser.getPage(server.url("/"))));
        }
    }

    @Test
    void aForgedKeyGetsANewKeyAndNoRow() throws Exception {
        String forged = "abcdefghijklmnopqrstuvwxyz012345";
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            browser.getCookieManager().addCookie(new Cookie("127.0.0.1", "sessionid", forged));
            HtmlPage page = browser.getPage(server.url("/"));
            assertEquals(200, page.getWebResponse().getStatusCode());
            assertEquals("You have visited this page 1 time.", numVisits(page));
            assertNotEquals(forged, browser.getCookieManager().getCookie("sessionid").getValue());
            assertNull(row(server.databasePath(), forged));
        }
    }

    @Test
    void anExpiredRowIsAnEmptySessionAndItsKeyIsNotReused() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            browser.getPage(server.url("/"));
            String key = browser.getCookieManager().getCookie("sessionid").getValue();
            sql(server.databasePath(), "UPDATE django_session SET expire_date = '2000-01-01 00:00:00'");
            HtmlPage page = browser.getPage(server.url("/"));
            assertEquals("You have visited this page 1 time.", numVisits(page));
            // Django forgets a key whose row is missing or expired: the save makes a new key and row.
            assertNotEquals(key, browser.getCookieManager().getCookie("sessionid").getValue());
            assertEquals(2, rowCount(server.databasePath()));
        }
    }

    @Test
    void aTamperedSignatureIsAnEmptySessionUnderTheSameKey() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            browser.getPage(server.url("/"));
            browser.getPage(server.url("/"));
            String key = browser.getCookieManager().getCookie("sessionid").getValue();
            // Change the stored count to 999 without knowing SECRET_KEY: the payload no longer matches its signature.
            String data = row(server.databasePath(), key).get("session_data");
            String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString("{\"num_visits\":999}".getBytes());
            sql(server.databasePath(), "UPDATE django_session SET session_data = '"
                    + forgedPayload + data.substring(data.indexOf(':')) + "'");
            HtmlPage page = browser.getPage(server.url("/"));
            assertEquals(200, page.getWebResponse().getStatusCode());
            assertEquals("You have visited this page 1 time.", numVisits(page));
            // Django keeps the key of a row it found but could not decode: the save overwrites that row.
            assertEquals(key, browser.getCookieManager().getCookie("sessionid").getValue());
            assertEquals(1, rowCount(server.databasePath()));
        }
    }

    @Test
    void aSessionSavedBeforeDjango31IsReadAndTheSaveRewritesItInTodaysFormat() throws Exception {
        // {"num_visits":5} as Django 3.0 stored it under this SECRET_KEY (printed by Django 3.2's _legacy_encode).
        String django30 = "OWQ2MjI2YmViNmVmZDE0YWFjODkzMzFlM2ZmOWRhNWQwNDE1Zjc1YTp7Im51bV92aXNpdHMiOjV9";
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            browser.getPage(server.url("/"));
            String key = browser.getCookieManager().getCookie("sessionid").getValue();
            sql(server.databasePath(), "UPDATE django_session SET session_data = '" + django30 + "'");
            assertEquals("You have visited this page 6 times.", numVisits(browser.getPage(server.url("/"))));
            assertEquals(key, browser.getCookieManager().getCookie("sessionid").getValue());
            assertTrue(row(server.databasePath(), key).get("session_data").startsWith("eyJudW1fdmlzaXRzIjo2fQ:"));
        }
    }

    @Test
    void twentyBrowsersAtOnceEndWithExactCounts() throws Exception {
        int browsers = 20;
        int visits = 15;
        try (TestServer server = TestServer.start()) {
            ExecutorService pool = Executors.newFixedThreadPool(browsers);
            List<Future<String>> lastPages = new ArrayList<>();
            for (int b = 0; b < browsers; b++) {
                lastPages.add(pool.submit(() -> {
                    try (WebClient browser = TestServer.browser()) {
                        String last = null;
                        for (int v = 0; v < visits; v++) {
                            HtmlPage page = browser.getPage(server.url("/"));
                            assertEquals(200, page.getWebResponse().getStatusCode());
                            last = numVisits(page);
                        }
                        return last;
                    }
                }));
            }
            for (Future<String> last : lastPages) {
                assertEquals("You have visited this page " + visits + " times.", last.get());
            }
            pool.shutdown();
            assertEquals(browsers, rowCount(server.databasePath()));
        }
    }

    @Test
    void clearsessionsRemovesOnlyExpiredRows() throws Exception {
        try (TestServer server = TestServer.start()) {
            for (int i = 0; i < 3; i++) {
                try (WebClient browser = TestServer.browser()) {
                    browser.getPage(server.url("/"));
                }
            }
            sql(server.databasePath(), "UPDATE django_session SET expire_date = '2000-01-01 00:00:00'"
                    + " WHERE rowid IN (SELECT rowid FROM django_session LIMIT 2)");
            Settings settings = Settings.load(Map.of("DATABASE_PATH", server.databasePath().toString()));
            String printed = captureOutput(() -> Manage.run(settings, new String[] {"clearsessions"}));
            assertEquals("Deleted 2 expired sessions.", printed.strip());
            assertEquals(1, rowCount(server.databasePath()));
        }
    }

    @Test
    void decodeShowsTheJsonAndWhetherTheSignatureHolds(@TempDir Path folder) throws Exception {
        Settings settings = Settings.load(Map.of("DATABASE_PATH", folder.resolve("db.sqlite3").toString(),
                "SECRET_KEY", "sandbox-test-vector-secret-key-0123456789"));
        String valid = "eyJ2aXNpdCI6MTF9:1vNYyu:4jRa_r6WuKpOjj-BRJCellcbAbgcGUsslOgKVR1utpk";
        String printed = captureOutput(() -> Manage.run(settings, new String[] {"decode", valid}));
        assertTrue(printed.startsWith("{\"visit\":11}\nSignature: valid"), printed);
        String tampered = valid.substring(0, valid.length() - 1) + "Q";
        printed = captureOutput(() -> Manage.run(settings, new String[] {"decode", tampered}));
        assertTrue(printed.startsWith("{\"visit\":11}\nSignature: NOT valid"), printed);
    }

    @Test
    void thePanelShowsTheStoredRow() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            browser.getPage(server.url("/"));
            HtmlPage page = browser.getPage(server.url("/"));
            String key = browser.getCookieManager().getCookie("sessionid").getValue();
            String notes = page.getElementById("notes").asNormalizedText();
            assertTrue(notes.contains("session_key: " + key), notes);
            assertTrue(notes.contains("session_data: " + row(server.databasePath(), key).get("session_data")), notes);
            assertTrue(notes.contains("session_data decoded: {\"num_visits\":2} (signature valid)"), notes);
        }
    }

    private static String numVisits(HtmlPage page) {
        return page.getElementById("num-visits").asNormalizedText();
    }

    static int rowCount(Path database) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement count = db.createStatement();
                ResultSet rows = count.executeQuery("SELECT count(*) FROM django_session")) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }

    static Map<String, String> row(Path database, String key) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database);
                PreparedStatement select = db.prepareStatement(
                        "SELECT session_key, session_data, expire_date FROM django_session WHERE session_key = ?")) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Map.of("session_key", row.getString(1), "session_data", row.getString(2),
                        "expire_date", row.getString(3)) : null;
            }
        }
    }

    static void sql(Path database, String statement) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement change = db.createStatement()) {
            change.executeUpdate(statement);
        }
    }

    private static String captureOutput(Runnable command) {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true));
        try {
            command.run();
        } finally {
            System.setOut(original);
        }
        return printed.toString();
    }
}
