package locallibrary.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A signed cookie whose payload would inflate past Signing.MAX_DECOMPRESSED_BYTES (64 KiB) is refused while
 * inflating, not after: Django inflates whatever a valid signature covers, so with a leaked SECRET_KEY a
 * 1 MB cookie takes 768 MiB of memory there.
 */
class SignedCookieBombIsRefusedTest {

    /** 64 MiB of zeros, compressed to about 64 KB, and signed with the right key: a genuine-looking bomb. */
    private static String bomb() {
        byte[] compressed = Signing.zlibCompress(new byte[64 * 1024 * 1024]);
        String withTime = "." + Signing.b64Encode(compressed) + ":" + Signing.b62Encode(1_764_000_000L);
        return withTime + ":" + Signing.signature(withTime, TestVectors.SECRET_KEY, SignedCookieSessionStore.SALT);
    }

    @Test
    void aBombIsRefusedAndANewSessionStarts() {
        SignedCookieSessionStore store = new SignedCookieSessionStore(TestVectors.SECRET_KEY, "sessionid",
                Integer.MAX_VALUE,
                new TestClock(java.time.Instant.ofEpochSecond(1_764_000_000L)));
        // Like any cookie that does not load, Django's engine answers with a new, empty session.
        assertThrows(SessionStore.StartNewSession.class, () -> store.load(bomb()));
    }

    @Test
    void inflatingTheBombStopsAtTheBound() {
        byte[] compressed = Signing.zlibCompress(new byte[64 * 1024 * 1024]);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        Signing.BadSignature refused = assertThrows(Signing.BadSignature.class,
                () -> Signing.decompress(compressed, Signing.MAX_DECOMPRESSED_BYTES));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals("Payload inflates to more than 65536 bytes", refused.getMessage());
        // The output buffer doubles as it grows, so at most a few times the bound, never the 64 MiB.
        assertTrue(allocated < 4 * Signing.MAX_DECOMPRESSED_BYTES, allocated + " bytes allocated");
    }

    @Test
    void aSessionOverTheBoundIsStoredUncompressedAndLoadsAgain() {
        Map<String, Object> big = Map.of("text", "a".repeat(Signing.MAX_DECOMPRESSED_BYTES));
        String signed = Signing.dumps(big, TestVectors.SECRET_KEY, "salt", true);
        assertTrue(!signed.startsWith("."), "stored uncompressed");
        SignedSessionData data = new SignedSessionData(TestVectors.SECRET_KEY);
        assertEquals(big, data.decode(data.encode(big)));
    }
}
