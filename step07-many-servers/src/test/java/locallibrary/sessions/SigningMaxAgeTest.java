package locallibrary.sessions;

import static locallibrary.sessions.TestVectors.NOW;
import static locallibrary.sessions.TestVectors.SALT;
import static locallibrary.sessions.TestVectors.SECRET_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;

import java.util.Map;
import locallibrary.sessions.Signing.BadSignature;
import locallibrary.sessions.Signing.SignatureExpired;
import org.junit.jupiter.api.Test;

/** max_age: used by the signed_cookies engine, which has no server-side expiry. */
class SigningMaxAgeTest {

    private static final long TWO_WEEKS = 1_209_600L; // SESSION_COOKIE_AGE
    private static final Map<String, Object> SESSION = TestVectors.map("visit", 11);
    private static final String SIGNED_AT_NOW =
            "eyJ2aXNpdCI6MTF9:1vNYyu:4jRa_r6WuKpOjj-BRJCellcbAbgcGUsslOgKVR1utpk";

    @Test
    void anOldValueWithMaxAgeIsExpired() {
        SignatureExpired e = assertThrows(SignatureExpired.class,
                () -> Signing.loads(SIGNED_AT_NOW, SECRET_KEY, SALT, TWO_WEEKS, NOW + TWO_WEEKS + 1));
        assertEquals("Signature age 1209601 > 1209600 seconds", e.getMessage());
    }

    @Test
    void signatureExpiredIsABadSignature() {
        // So code that only catches BadSignature treats an expired cookie as an empty session.
        assertThrows(BadSignature.class,
                () -> Signing.loads(SIGNED_AT_NOW, SECRET_KEY, SALT, 10L, NOW + 11));
    }

    @Test
    void exactlyMaxAgeOldIsStillValid() throws Exception {
        // Django: expired only when age > max_age.
        assertEquals(SESSION, Signing.loads(SIGNED_AT_NOW, SECRET_KEY, SALT, TWO_WEEKS, NOW + TWO_WEEKS));
    }

    @Test
    void youngValuesAndMaxAgeZeroInTheSameSecondAreValid() throws Exception {
        assertEquals(SESSION, Signing.loads(SIGNED_AT_NOW, SECRET_KEY, SALT, TWO_WEEKS, NOW + 5));
        assertEquals(SESSION, Signing.loads(SIGNED_AT_NOW, SECRET_KEY, SALT, 0L, NOW));
    }

    @Test
    void nullMaxAgeNeverExpires() throws Exception {
        assertEquals(SESSION, Signing.loads(SIGNED_AT_NOW, SECRET_KEY, SALT, null, NOW + 100 * TWO_WEEKS));
    }

    @Test
    void theRealClockIsUsedByThePublicLoads() throws Exception {
        String signedIn2001 = Signing.dumps(SESSION, SECRET_KEY, SALT, true, 1_000_000_000L);
        assertThrows(SignatureExpired.class, () -> Signing.loads(signedIn2001, SECRET_KEY, SALT, TWO_WEEKS));
        String signedNow = Signing.dumps(SESSION, SECRET_KEY, SALT, true);
        assertEquals(SESSION, Signing.loads(signedNow, SECRET_KEY, SALT, TWO_WEEKS));
    }

    @Test
    void theSignatureIsCheckedBeforeTheAge() {
        // A forged old value is a plain BadSignature, not "expired": the age of a value we
        // did not sign means nothing.
        String forged = SIGNED_AT_NOW.substring(0, SIGNED_AT_NOW.length() - 1) + "x";
        assertThrowsExactly(BadSignature.class,
                () -> Signing.loads(forged, SECRET_KEY, SALT, 10L, NOW + TWO_WEEKS));
    }
}
