package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import locallibrary.web.RequestLog;
import org.junit.jupiter.api.Test;

/** When nobody reads the server's output, requests are still answered: log lines are dropped and counted. */
class RequestLogNeverBlocksTest {

    /** An output that nobody reads until the test opens it: every write waits, as on a full pipe. */
    private static final class StalledOutput extends OutputStream {
        final CountDownLatch opened = new CountDownLatch(1);
        final CountDownLatch droppedReported = new CountDownLatch(1);
        final ByteArrayOutputStream written = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            try {
                opened.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.write(b);
            if (b == '\n' && written.toString(StandardCharsets.UTF_8).contains("request log lines dropped")) {
                droppedReported.countDown();
            }
        }
    }

    @Test
    void requestsAreAnsweredWhileTheOutputIsStalled() throws Exception {
        PrintStream original = System.out;
        StalledOutput stalled = new StalledOutput();
        // The server prints to the output it started with.
        System.setOut(new PrintStream(stalled, true, StandardCharsets.UTF_8));
        try (TestServer server = TestServer.start()) {
            System.setOut(original);
            Browser browser = new Browser();
            // More requests than the queue holds: with a blocking log, the later ones would hang here.
            for (int i = 0; i < RequestLog.QUEUE_SIZE + 50; i++) {
                assertEquals(200, browser.get(server.url("/static/css/styles.css")).statusCode());
            }
            stalled.opened.countDown();
            browser.get(server.url("/"));
            assertTrue(stalled.droppedReported.await(30, TimeUnit.SECONDS), "the dropped lines are reported");
        } finally {
            stalled.opened.countDown();
            System.setOut(original);
        }
    }
}
