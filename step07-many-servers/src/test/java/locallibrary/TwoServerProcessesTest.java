package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/**
 * Chapter 03's reason for the database: two server processes on one database file serve one browser in
 * turn, as the processes behind a load balancer do, and its count goes on across them.
 */
class TwoServerProcessesTest {

    private static final Pattern BANNER = Pattern.compile("Starting development server at (http://\\S+/)");

    @Test
    void twoProcessesOnOneDatabaseContinueTheSameCount() throws Exception {
        try (TestServer here = TestServer.start(); WebClient browser = TestServer.browser()) {
            Process other = startServerProcess(here.databasePath());
            try {
                String there = CompletableFuture.supplyAsync(() -> addressFromBanner(other)).get(60, TimeUnit.SECONDS);
                // Cookies do not care about ports: the browser sends its key to both servers.
                List<String> urls = List.of(there, here.url("/"), there, here.url("/"));
                String key = null;
                for (int visit = 1; visit <= urls.size(); visit++) {
                    HtmlPage page = browser.getPage(urls.get(visit - 1));
                    assertEquals(200, page.getWebResponse().getStatusCode());
                    assertEquals("You have visited this page " + visit + (visit == 1 ? " time." : " times."),
                            page.getElementById("num-visits").asNormalizedText(), "at " + urls.get(visit - 1));
                    String now = browser.getCookieManager().getCookie("sessionid").getValue();
                    assertEquals(key == null ? now : key, now);
                    key = now;
                }
            } finally {
                other.destroy(); // Ctrl-C: the server's shutdown hook stops it cleanly
                if (!other.waitFor(30, TimeUnit.SECONDS)) {
                    other.destroyForcibly();
                }
            }
        }
    }

    /** The step, started as a learner starts it, in a JVM of its own, on a free port and the given file. */
    private static Process startServerProcess(Path database) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Under Surefire, java.class.path is a launcher jar; the real class path is in this property.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(java, "-cp", classPath, "-Dport=0", "-DDATABASE_PATH=" + database,
                "locallibrary.Main").redirectErrorStream(true).start();
    }

    /** Reads the process's output up to its banner, then keeps draining it so that it never blocks on a full pipe. */
    private static String addressFromBanner(Process process) {
        BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        try {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                seen.append(line).append('\n');
                Matcher banner = BANNER.matcher(line);
                if (banner.find()) {
                    Thread drain = new Thread(() -> {
                        try {
                            output.transferTo(Writer.nullWriter());
                        } catch (IOException e) {
                            // the process ended
                        }
                    }, "second-server-output");
                    drain.setDaemon(true);
                    drain.start();
                    return banner.group(1);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the second server's output", e);
        }
        throw new IllegalStateException("the second server stopped before its banner:\n" + seen);
    }
}
