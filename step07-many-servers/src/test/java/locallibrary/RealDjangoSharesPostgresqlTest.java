package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.Cookie;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Django 3.2 with psycopg2 (Debian's python3-django and python3-psycopg2), pointed at the same
 * PostgreSQL with the same SECRET_KEY, reads the sessions this step stores, this step reads Django's, and
 * Django's own migration makes the very table this step makes.
 */
class RealDjangoSharesPostgresqlTest {

    /** Debian's Python; the python3 first on PATH may be another one, without Django. */
    private static final String PYTHON = "/usr/bin/python3";
    /** The columns and indexes of django_session, as PostgreSQL describes them. */
    private static final String SCHEMA = "SELECT column_name || ' ' || data_type || ' ' || is_nullable"
            + " FROM information_schema.columns WHERE table_name = 'django_session'"
            + " UNION ALL SELECT indexdef FROM pg_indexes WHERE tablename = 'django_session' ORDER BY 1";

    private static PostgresServer postgres;

    @BeforeAll
    static void djangoAndPostgresqlAreInstalled() throws Exception {
        boolean installed = Files.isExecutable(Path.of(PYTHON))
                && new ProcessBuilder(PYTHON, "-c", "import django, psycopg2").start().waitFor() == 0;
        Assumptions.assumeTrue(installed, "needs Django and psycopg2: apt-get install -y python3-django"
                + " python3-psycopg2");
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void djangoReadsTheSessionWeStored() throws Exception {
        try (TestServer server = TestServer.start(postgres.settings()); WebClient browser = TestServer.browser()) {
            browser.getPage(server.url("/"));
            browser.getPage(server.url("/"));
            String key = browser.getCookieManager().getCookie("sessionid").getValue();
            assertEquals("{\"num_visits\": 2}", django("locallibrary", "read", key));
        }
    }

    @Test
    void weReadTheSessionDjangoStored() throws Exception {
        try (TestServer server = TestServer.start(postgres.settings()); WebClient browser = TestServer.browser()) {
            String key = django("locallibrary", "create", "41");
            browser.getCookieManager().addCookie(new Cookie("127.0.0.1", "sessionid", key));
            HtmlPage page = browser.getPage(server.url("/"));
            assertEquals("You have visited this page 42 times.", page.getElementById("num-visits").asNormalizedText());
            assertEquals(key, browser.getCookieManager().getCookie("sessionid").getValue());
        }
    }

    @Test
    void djangosMigrationMakesTheTableWeMake() throws Exception {
        try (TestServer server = TestServer.start(postgres.settings())) {
            postgres.psql("CREATE DATABASE django_made");
            django("django_made", "migrate", "-");
            assertEquals(postgres.psql("django_made", SCHEMA), postgres.psql(SCHEMA));
        }
    }

    private static String django(String database, String action, String argument) throws Exception {
        Path script = Path.of(RealDjangoSharesPostgresqlTest.class.getResource("/django_postgresql_check.py").toURI());
        Process python = new ProcessBuilder(List.of(PYTHON, script.toString(), "127.0.0.1",
                String.valueOf(postgres.port()), database, "locallibrary", Settings.load().SECRET_KEY, action,
                argument)).redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(true, python.waitFor(60, TimeUnit.SECONDS), "Django did not finish");
        assertEquals(0, python.exitValue(), output);
        return output;
    }
}
