package locallibrary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Django's deploy check warns (security.W009) about a SECRET_KEY under 50 characters or of under 5 distinct ones. */
class ShortSecretKeyIsWarnedAboutTest {

    @Test
    void aShortKeyOrOneOfFewCharactersIsWeak() {
        assertTrue(Main.isWeak("s3cr3t"));
        assertTrue(Main.isWeak("a".repeat(49) + "b"));
        assertTrue(Main.isWeak("abcd".repeat(20)));
        assertFalse(Main.isWeak("abcde".repeat(10)));
        assertTrue(Main.WEAK_SECRET_KEY.startsWith("WARNING: (security.W009) Your SECRET_KEY has less than 50"));
    }
}
