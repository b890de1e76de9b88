package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The db engine on a real PostgreSQL, through the server: the visit counter, two servers sharing it, and
 * PostgreSQL stopped (503 pages) and started again (the server recovers by itself, no restart).
 */
class PostgresSessionsTest {

    private static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theVisitCounterCountsInPostgresql() throws Exception {
        try (TestServer server = TestServer.start(postgres.settings()); WebClient browser = TestServer.browser()) {
            browser.getPage(server.url("/"));
            HtmlPage page = browser.getPage(server.url("/"));
            assertEquals("You have visited this page 2 times.", numVisits(page));
            String key = browser.getCookieManager().getCookie("sessionid").getValue();
            assertEquals("1", postgres.psql("SELECT count(*) FROM django_session WHERE session_key = '" + key + "'")
                    .strip());
            // The catalog lives there too, with its sample added once.
            assertEquals("9", postgres.psql("SELECT count(*) FROM catalog_bookinstance").strip());
        }
    }

    @Test
    void twoServersOnOnePostgresqlCountOneSessionTogether() throws Exception {
        try (TestServer one = TestServer.start(postgres.settings());
                TestServer two = TestServer.start(postgres.settings());
                WebClient browser = TestServer.browser()) {
            for (int visit = 1; visit <= 6; visit++) {
                // A balancer's round robin: odd visits to one server, even visits to the other.
                TestServer server = visit % 2 == 1 ? one : two;
                HtmlPage page = browser.getPage(server.url("/"));
                assertEquals("You have visited this page " + visit + (visit == 1 ? " time." : " times."),
                        numVisits(page));
            }
        }
    }

    @Test
    void postgresqlStoppedAnswers503AndTheServerRecoversWhenItIsBack() throws Exception {
        try (PostgresServer own = PostgresServer.start();
                TestServer server = TestServer.start(own.settings());
                WebClient browser = TestServer.browser();
                LogRecords log = LogRecords.of(locallibrary.web.Response.class.getName())) {
            browser.getPage(server.url("/"));
            own.stop();
            Page down = browser.getPage(server.url("/"));
            assertEquals(503, down.getWebResponse().getStatusCode());
            assertEquals(DatabaseTroubleTest.SERVICE_UNAVAILABLE, down.getWebResponse().getContentAsString());
            assertNull(down.getWebResponse().getResponseHeaderValue("Set-Cookie"));
            assertEquals(1, log.all().size(), log.all().toString());
            String line = log.all().get(0).getMessage();
            assertTrue(line.startsWith("Service Unavailable: /: PostgreSQL at 127.0.0.1:" + own.port()), line);
            assertTrue(!line.contains("\n"), line);
            own.restart();
            // The same server, not restarted: the pool makes new connections, and the session was kept.
            assertEquals("You have visited this page 2 times.", numVisits(browser.getPage(server.url("/"))));
        }
    }

    @Test
    void aServerStartedWhilePostgresqlIsDownSaysSoInOneLine() {
        java.util.Map<String, String> settings = new java.util.HashMap<>(postgres.settings());
        int nobody = RealServices.freePort();
        settings.put("DATABASES.default.PORT", String.valueOf(nobody));
        DatabaseError refused = org.junit.jupiter.api.Assertions.assertThrows(DatabaseError.class,
                () -> TestServer.start(settings));
        assertTrue(refused.getMessage().startsWith("PostgreSQL at 127.0.0.1:" + nobody + "/locallibrary: "),
                refused.getMessage());
        assertTrue(!refused.getMessage().contains("\n"), refused.getMessage());
    }

    private static String numVisits(Object page) {
        return ((HtmlPage) page).getElementById("num-visits").asNormalizedText();
    }
}
