package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * An app server killed under load (SIGKILL, as a crash or the out-of-memory killer does it): the balancer
 * says so, sends every browser to the server left, and with a store they share no visit a browser was
 * shown is lost.
 */
class KillingAnAppServerTest {

    private static final Pattern COUNT = Pattern.compile("You have visited this page (\\d+) times?\\.");
    private static final int BROWSERS = 4;
    /** Visits each browser has answered before the kill, and after the balancer reported it. */
    private static final int BEFORE = 5;
    private static final int AFTER = 10;

    /** One answer a browser got: 200 with a count and a server, or an error (status 0: no answer at all). */
    record Answer(int status, int count, String servedBy, boolean afterTheReport) {
    }

    @Test
    void theOtherServerTakesOverAndNoAcknowledgedVisitIsLost() throws Exception {
        try (TestBalancer balancer = TestBalancer.start(Map.of(), 2)) {
            CountDownLatch warmedUp = new CountDownLatch(BROWSERS);
            AtomicBoolean reported = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(BROWSERS);
            List<Future<List<Answer>>> browsers = new ArrayList<>();
            for (int i = 0; i < BROWSERS; i++) {
                browsers.add(pool.submit(() -> browse(balancer, warmedUp, reported)));
            }
            assertTrue(warmedUp.await(60, TimeUnit.SECONDS), "every browser got " + BEFORE + " answers");

            long pid = balancer.server("server-2").pid();
            balancer.kill("server-2"); // while the browsers go on visiting
            balancer.awaitLine(Pattern.compile("^server-2 \\(pid " + pid + "\\) stopped unexpectedly with exit code"
                    + " 137: the balancer now sends every request to server-1$"));
            reported.set(true);

            List<Answer> all = new ArrayList<>();
            for (Future<List<Answer>> browser : browsers) {
                List<Answer> answers = browser.get(120, TimeUnit.SECONDS);
                all.addAll(answers);
                List<Answer> acknowledged = answers.stream().filter(answer -> answer.status() == 200).toList();
                // Shown counts only go up: a lost session would start again at 1, a lost visit go back.
                assertEquals(1, acknowledged.get(0).count(), answers.toString());
                for (int i = 1; i < acknowledged.size(); i++) {
                    assertTrue(acknowledged.get(i).count() > acknowledged.get(i - 1).count(),
                            "visit " + (i + 1) + " after visit " + i + ": " + answers);
                }
                for (Answer answer : acknowledged) {
                    if (answer.afterTheReport()) {
                        assertEquals("server-1", answer.servedBy(), answers.toString());
                    }
                }
            }
            pool.shutdown();
            assertTrue(all.stream().anyMatch(answer -> "server-2".equals(answer.servedBy())),
                    "server-2 answered before it was killed");
            assertFalse(balancer.server("server-2").isAlive());
            long errors = all.stream().filter(answer -> answer.status() != 200).count();
            System.out.println("Answers: " + all.size() + ", of which not 200 (the kill's requests in flight): "
                    + errors);
        }
    }

    @Test
    void aRequestInFlightWhenItsServerDiesIsLoggedInOneLine() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp6")), "Linux's /proc shows what a socket holds");
        try (TestBalancer balancer = TestBalancer.start(Map.of(), 2);
                LogRecords log = LogRecords.of("io.undertow.proxy")) {
            AppServer server2 = balancer.server("server-2");
            // Stopped, server-2 reads nothing: the request the balancer sends it waits in its socket.
            assertEquals(0, new ProcessBuilder("kill", "-STOP", String.valueOf(server2.pid())).start().waitFor());
            // Round robin: of two requests, one goes to server-2.
            Browser browser = new Browser();
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            for (int i = 0; i < 2; i++) {
                answers.add(pool.submit(() -> browser.get(balancer.url("/"))));
            }
            // The request is on its way: the kernel, not a sleep, says when it has reached server-2.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!requestWaitsAt(server2.port())) {
                assertTrue(System.nanoTime() < deadline, "a request reached server-2");
                Thread.onSpinWait();
            }
            balancer.kill("server-2");
            for (Future<HttpResponse<String>> answer : answers) {
                answer.get(60, TimeUnit.SECONDS); // retried on server-1, or 503: either way, answered
            }
            pool.shutdown();
            assertFalse(log.all().isEmpty(), "the failed request is logged");
            for (LogRecord record : log.all()) {
                assertTrue(record.getMessage().startsWith("UT005028: Proxy request to / failed: java."),
                        record.getMessage());
                assertNull(record.getThrown(), "no stack trace");
            }
        }
    }

    /** Whether a connection to this port holds bytes not yet read: the rx_queue of Linux's socket tables. */
    private static boolean requestWaitsAt(int port) throws IOException {
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] fields = line.trim().split("\\s+");
                // local_address (...:PORT in hex), rem_address, st (01 is ESTABLISHED), tx_queue:rx_queue
                if (fields[1].endsWith(String.format(":%04X", port)) && fields[3].equals("01")
                        && !fields[4].endsWith(":00000000")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** One browser visiting the home page until it has had AFTER answers since the kill was reported. */
    private static List<Answer> browse(TestBalancer balancer, CountDownLatch warmedUp, AtomicBoolean reported)
            throws InterruptedException {
        Browser browser = new Browser();
        List<Answer> answers = new ArrayList<>();
        int ok = 0;
        int okAfter = 0;
        while (okAfter < AFTER) {
            if (answers.size() > 10_000) {
                throw new AssertionError("no end in sight: " + answers.subList(answers.size() - 20, answers.size()));
            }
            boolean after = reported.get();
            HttpResponse<String> response;
            try {
                response = browser.get(balancer.url("/"));
            } catch (IOException noAnswer) {
                answers.add(new Answer(0, 0, null, after));
                continue;
            }
            if (response.statusCode() != 200) {
                answers.add(new Answer(response.statusCode(), 0, null, after));
                continue;
            }
            Matcher count = COUNT.matcher(response.body());
            assertTrue(count.find(), response.body());
            answers.add(new Answer(200, Integer.parseInt(count.group(1)),
                    response.headers().firstValue("X-Served-By").orElse(null), after));
            if (++ok == BEFORE) {
                warmedUp.countDown();
            }
            if (after) {
                okAfter++;
            }
        }
        return answers;
    }
}
