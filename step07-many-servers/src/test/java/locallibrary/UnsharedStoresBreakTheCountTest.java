package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import locallibrary.LoadBalancerTest.Visit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What breaks when each app server keeps sessions where only it can read them: the count of one browser
 * starts again at 1 each time the balancer sends it to the other server, which has never seen its key
 * (and, as Django, does not adopt a key it does not know: it starts a new session).
 */
class UnsharedStoresBreakTheCountTest {

    @Test
    void theInProcessCacheGivesEachServerItsOwnSessions() throws IOException {
        // Django's local-memory cache "is not multi-process safe": each process has its own.
        try (TestBalancer balancer = TestBalancer.start(Map.of("SESSION_ENGINE", "cache"), 2)) {
            assertTheCountBreaks(LoadBalancerTest.tenVisits(balancer));
        }
    }

    @Test
    void aSessionFolderPerServerBreaksTheCountAsSeparateMachinesWould(@TempDir Path sessions) throws IOException {
        Files.createDirectories(sessions.resolve("server-1"));
        Files.createDirectories(sessions.resolve("server-2"));
        try (TestBalancer balancer = TestBalancer.start(Map.of("SESSION_ENGINE", "file",
                "SESSION_FILE_PATH", sessions.resolve("{server}").toString()), 2)) {
            assertTheCountBreaks(LoadBalancerTest.tenVisits(balancer));
            // Each server wrote its own sessions into its own folder.
            assertTrue(hasSessionFiles(sessions.resolve("server-1")), "server-1's folder has sessions");
            assertTrue(hasSessionFiles(sessions.resolve("server-2")), "server-2's folder has sessions");
        }
    }

    /** Not 1..10: every answer from a server other than the last one's starts again at 1. */
    private static void assertTheCountBreaks(List<Visit> visits) {
        assertNotEquals(LoadBalancerTest.ONE_TO_TEN, LoadBalancerTest.counts(visits), visits.toString());
        LoadBalancerTest.assertServersTookTurns(visits);
        for (int i = 1; i < visits.size(); i++) {
            assertEquals(1, visits.get(i).count(), "a server that never saw the key starts a new count: " + visits);
        }
    }

    private static boolean hasSessionFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(file -> file.getFileName().toString().startsWith("sessionid"));
        }
    }
}
