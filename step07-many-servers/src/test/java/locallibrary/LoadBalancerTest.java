package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One browser behind the load balancer: its requests go to one app server, then the other, and with a
 * store every server reads, its count goes on as with one server.
 */
class LoadBalancerTest {

    private static final Pattern COUNT = Pattern.compile("You have visited this page (\\d+) times?\\.");
    static final List<Integer> ONE_TO_TEN = IntStream.rangeClosed(1, 10).boxed().toList();

    /** What one visit to the home page showed: the count, and the server that answered. */
    record Visit(int count, String servedBy) {
    }

    @Test
    void tenVisitsCountOneToTenWhileTheServersTakeTurns() throws IOException {
        try (TestBalancer balancer = TestBalancer.start()) {
            List<Visit> visits = tenVisits(balancer);
            assertEquals(ONE_TO_TEN, counts(visits), visits.toString());
            assertServersTookTurns(visits);
        }
    }

    @Test
    void signedCookiesNeedNoSharedStore() throws IOException {
        try (TestBalancer balancer = TestBalancer.start(Map.of("SESSION_ENGINE", "signed_cookies"), 2)) {
            List<Visit> visits = tenVisits(balancer);
            assertEquals(ONE_TO_TEN, counts(visits), visits.toString());
            assertServersTookTurns(visits);
        }
    }

    @Test
    void oneSessionFolderForAllServersHoldsTheCount(@TempDir Path shared) throws IOException {
        try (TestBalancer balancer = TestBalancer.start(
                Map.of("SESSION_ENGINE", "file", "SESSION_FILE_PATH", shared.toString()), 2)) {
            List<Visit> visits = tenVisits(balancer);
            assertEquals(ONE_TO_TEN, counts(visits), visits.toString());
            assertServersTookTurns(visits);
        }
    }

    @Test
    void threeServersTakeTurnsInOrder() throws IOException {
        try (TestBalancer balancer = TestBalancer.start(Map.of(), 3)) {
            List<Visit> visits = tenVisits(balancer);
            assertEquals(ONE_TO_TEN, counts(visits), visits.toString());
            for (int i = 3; i < visits.size(); i++) {
                assertEquals(visits.get(i - 3).servedBy(), visits.get(i).servedBy(), "round robin: " + visits);
            }
            assertEquals(3, visits.stream().map(Visit::servedBy).distinct().count(), visits.toString());
        }
    }

    @Test
    void theConsoleNamesEachServerAndPrefixesItsRequestLog() throws Exception {
        try (TestBalancer balancer = TestBalancer.start(); WebClient browser = TestServer.browser()) {
            for (String name : List.of("server-1", "server-2")) {
                AppServer server = balancer.server(name);
                assertTrue(balancer.lines().contains("Started " + name + " at http://127.0.0.1:" + server.port()
                        + "/ (pid " + server.pid() + ")"), balancer.lines().toString());
            }
            assertTrue(balancer.lines().contains("Starting load balancer at " + balancer.url()
                    + " (round robin over 2 app servers)"), balancer.lines().toString());
            HtmlPage page = browser.getPage(balancer.url("/"));
            String servedBy = page.getWebResponse().getResponseHeaderValue("X-Served-By");
            balancer.awaitLine(Pattern.compile("^" + servedBy + " \\| \\[.*] \"GET / HTTP/1.1\" 200 \\d+$"));
        }
    }

    @Test
    void anAppServerThatCannotStartIsNamedWithItsReason(@TempDir Path folder) {
        // {server} gives each server a folder of its own, and these folders do not exist.
        Path missing = folder.resolve("sessions-{server}");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        AppServer.DidNotStart error = assertThrows(AppServer.DidNotStart.class, () -> LoadBalancer.start(
                Map.of("SESSION_ENGINE", "file", "SESSION_FILE_PATH", missing.toString(),
                        "DATABASE_PATH", folder.resolve("db.sqlite3").toString()),
                2, 0, new PrintStream(console, true, StandardCharsets.UTF_8)));
        assertEquals("server-1 stopped before it was ready (exit code 1)", error.getMessage());
        String said = console.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("server-1 | Error: The session storage path "
                + missing.toString().replace("{server}", "server-1") + " doesn't exist."), said);
    }

    /** Ten visits to the home page by one new browser; each answer's panel names the server of its header. */
    static List<Visit> tenVisits(TestBalancer balancer) throws IOException {
        List<Visit> visits = new ArrayList<>();
        try (WebClient browser = TestServer.browser()) {
            for (int i = 0; i < 10; i++) {
                HtmlPage page = browser.getPage(balancer.url("/"));
                assertEquals(200, page.getWebResponse().getStatusCode(), page.asNormalizedText());
                String servedBy = page.getWebResponse().getResponseHeaderValue("X-Served-By");
                int port = balancer.server(servedBy).port();
                assertEquals("Answered by " + servedBy + " (port " + port + ")",
                        page.getElementById("answered-by").asNormalizedText());
                Matcher count = COUNT.matcher(page.getElementById("num-visits").asNormalizedText());
                assertTrue(count.matches(), page.getElementById("num-visits").asNormalizedText());
                visits.add(new Visit(Integer.parseInt(count.group(1)), servedBy));
            }
        }
        return visits;
    }

    static List<Integer> counts(List<Visit> visits) {
        return visits.stream().map(Visit::count).toList();
    }

    /** Round robin without sticky sessions: never the same server twice in a row, and both servers answer. */
    static void assertServersTookTurns(List<Visit> visits) {
        for (int i = 1; i < visits.size(); i++) {
            assertNotEquals(visits.get(i - 1).servedBy(), visits.get(i).servedBy(), "round robin: " + visits);
        }
    }
}
