package locallibrary;

import static locallibrary.DatabaseSessionsTest.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.Test;

/**
 * Chapter 03's claim about a database another process has locked: every waiting request gets its 503
 * within the busy timeout (5 s) plus a little, not one busy timeout after another (the 8th after 40 s), and
 * while the lock is held a later request gets its 503 at once; once a write gets through, requests wait again.
 */
class LockedDatabaseAnswersWithinTheBusyTimeoutTest {

    private static final Duration BUSY_TIMEOUT = Duration.ofSeconds(5);
    private static final int REQUESTS = 8;

    @Test
    void eightRequestsOnALockedDatabaseAllGetTheir503WithinTheBusyTimeoutPlusALittle() throws Exception {
        try (TestServer server = TestServer.start(); WebClient alice = TestServer.browser()) {
            alice.getPage(server.url("/"));
            String key = alice.getCookieManager().getCookie("sessionid").getValue();
            Map<String, String> aliceBefore = row(server.databasePath(), key);
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest newVisitor = HttpRequest.newBuilder(URI.create(server.url("/"))).build();

            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            Duration waited;
            try (Connection otherProcess = DriverManager.getConnection("jdbc:sqlite:" + server.databasePath());
                    Statement statement = otherProcess.createStatement()) {
                // Another process takes SQLite's write lock and keeps it while the requests arrive.
                statement.execute("BEGIN IMMEDIATE");
                long start = System.nanoTime();
                for (int i = 0; i < REQUESTS; i++) {
                    answers.add(client.sendAsync(newVisitor, HttpResponse.BodyHandlers.ofString()));
                }
                CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
                waited = Duration.ofNanos(System.nanoTime() - start);
                // Still locked: a request that comes now does not wait another busy timeout either.
                long later = System.nanoTime();
                assertEquals(503, client.send(newVisitor, HttpResponse.BodyHandlers.ofString()).statusCode());
                Duration laterWaited = Duration.ofNanos(System.nanoTime() - later);
                assertTrue(laterWaited.compareTo(Duration.ofSeconds(1)) < 0, "a later 503 came after " + laterWaited);
                statement.execute("ROLLBACK");
            }

            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                assertEquals(503, answer.get().statusCode());
                assertEquals(DatabaseTroubleTest.SERVICE_UNAVAILABLE, answer.get().body());
            }
            // One busy timeout for all of them, and a margin for a slow machine; far below 8 timeouts in a row.
            assertTrue(waited.compareTo(BUSY_TIMEOUT.plusMillis(1500)) < 0, "the last 503 came after " + waited);
            // The lock is gone: the server works again, and Alice's row is as it was.
            assertEquals(aliceBefore, row(server.databasePath(), key));
            assertEquals(200, client.send(newVisitor, HttpResponse.BodyHandlers.ofString()).statusCode());

            // That write got through, so the statements wait for a lock again: a short one delays a request, no 503.
            try (Connection otherProcess = DriverManager.getConnection("jdbc:sqlite:" + server.databasePath());
                    Statement statement = otherProcess.createStatement()) {
                statement.execute("BEGIN IMMEDIATE");
                CompletableFuture<HttpResponse<String>> waiting =
                        client.sendAsync(newVisitor, HttpResponse.BodyHandlers.ofString());
                assertThrows(TimeoutException.class, () -> waiting.get(1, TimeUnit.SECONDS), "it did not wait");
                statement.execute("ROLLBACK");
                assertEquals(200, waiting.get().statusCode());
            }
        }
    }
}
