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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Django 3.2 (Debian's python3-django), pointed at the same SQLite file with the same SECRET_KEY,
 * reads the sessions this step stores, and this step reads the sessions Django stores.
 */
class RealDjangoSharesTheDatabaseTest {

    /** Debian's Python; the python3 first on PATH may be another one, without Django. */
    private static final String PYTHON = "/usr/bin/python3";

    @BeforeAll
    static void djangoIsInstalled() throws Exception {
        boolean installed = Files.isExecutable(Path.of(PYTHON))
                && new ProcessBuilder(PYTHON, "-c", "import django").start().waitFor() == 0;
        Assumptions.assumeTrue(installed, "needs Django: apt-get install -y python3-django");
    }

    @Test
    void djangoReadsTheSessionWeStored() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            browser.getPage(server.url("/"));
            browser.getPage(server.url("/"));
            String key = browser.getCookieManager().getCookie("sessionid").getValue();
            assertEquals("{\"num_visits\": 2}", django(server, "read", key));
        }
    }

    @Test
    void weReadTheSessionDjangoStored() throws Exception {
        try (TestServer server = TestServer.start(); WebClient browser = TestServer.browser()) {
            String key = django(server, "create", "41");
            browser.getCookieManager().addCookie(new Cookie("127.0.0.1", "sessionid", key));
            HtmlPage page = browser.getPage(server.url("/"));
            assertEquals("You have visited this page 42 times.", page.getElementById("num-visits").asNormalizedText());
            assertEquals(key, browser.getCookieManager().getCookie("sessionid").getValue());
        }
    }

    private static String django(TestServer server, String action, String argument) throws Exception {
        Path script = Path.of(RealDjangoSharesTheDatabaseTest.class.getResource("/django_database_check.py").toURI());
        Process python = new ProcessBuilder(List.of(PYTHON, script.toString(), server.databasePath().toString(),
                Settings.load().SECRET_KEY, action, argument)).redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(true, python.waitFor(60, TimeUnit.SECONDS), "Django did not finish");
        assertEquals(0, python.exitValue(), output);
        return output;
    }
}
