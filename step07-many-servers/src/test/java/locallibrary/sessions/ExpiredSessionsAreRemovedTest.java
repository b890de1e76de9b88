package locallibrary.sessions;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sessions in memory do not pile up: every 1,000th new session sweeps out the expired ones. */
class ExpiredSessionsAreRemovedTest {

    private static final Instant PAST = Instant.now().minusSeconds(1);
    private static final Instant FUTURE = Instant.now().plusSeconds(3600);

    @Test
    void expiredSessionsNobodyReadsAreSweptOutAsNewOnesArrive() {
        InMemorySessionStore store = new InMemorySessionStore();
        store.save("abandoned", Map.of("a", 1), PAST, true);
        store.save("live", Map.of("a", 1), FUTURE, true);
        for (int i = 2; i < InMemorySessionStore.SWEEP_EVERY; i++) {
            assertTrue(store.exists("abandoned"));
            store.save("new" + i, Map.of(), FUTURE, true);
        }
        store.save("the-thousandth", Map.of(), FUTURE, true);
        assertFalse(store.exists("abandoned"));
        assertTrue(store.exists("live"));
    }
}
