package locallibrary.sessions;

import static locallibrary.sessions.TestVectors.NOW;
import static locallibrary.sessions.TestVectors.SALT;
import static locallibrary.sessions.TestVectors.SECRET_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import locallibrary.sessions.Signing.BadSignature;
import locallibrary.sessions.Signing.SignatureExpired;
import org.junit.jupiter.api.Test;

/** The steps chapter 03 shows, one at a time, on a value real Django signed: unsign, then the time, then loads. */
class SigningStepsTest {

    private static final String SIGNED = "eyJ2aXNpdCI6MTF9:1vNYyu:4jRa_r6WuKpOjj-BRJCellcbAbgcGUsslOgKVR1utpk";

    @Test
    void unsignGivesTheValueBeforeTheSignature() throws Exception {
        assertEquals("eyJ2aXNpdCI6MTF9:1vNYyu", Signing.unsign(SIGNED, SECRET_KEY, SALT));
    }

    @Test
    void unsignTimestampGivesThePayloadBeforeTheTime() throws Exception {
        assertEquals("eyJ2aXNpdCI6MTF9", Signing.unsignTimestamp(SIGNED, SECRET_KEY, SALT, null, NOW));
    }

    @Test
    void signingTheStepsBackGivesDjangosValue() {
        assertEquals(SIGNED, Signing.signTimestamp("eyJ2aXNpdCI6MTF9", SECRET_KEY, SALT, NOW));
        assertEquals(SIGNED, Signing.sign("eyJ2aXNpdCI6MTF9:1vNYyu", SECRET_KEY, SALT));
    }

    @Test
    void anotherSaltIsAnotherSignature() {
        BadSignature e = assertThrows(BadSignature.class,
                () -> Signing.unsign(SIGNED, SECRET_KEY, "django.contrib.sessions.backends.signed_cookies"));
        assertEquals("Signature does not match", e.getMessage());
    }

    @Test
    void aChangedTimeBreaksTheSignatureBeforeItsAgeIsLookedAt() {
        String olderTime = SIGNED.replace(":1vNYyu:", ":1vNYyt:");
        BadSignature e = assertThrows(BadSignature.class,
                () -> Signing.unsignTimestamp(olderTime, SECRET_KEY, SALT, 60L, NOW));
        assertEquals("Signature does not match", e.getMessage());
    }

    @Test
    void unsignTimestampRefusesAValueOlderThanMaxAge() {
        assertThrows(SignatureExpired.class, () -> Signing.unsignTimestamp(SIGNED, SECRET_KEY, SALT, 60L, NOW + 61));
    }

    @Test
    void aValueSignedWithoutATimeHasNoTimestamp() {
        String noTime = Signing.sign("eyJ2aXNpdCI6MTF9", SECRET_KEY, SALT);
        BadSignature e = assertThrows(BadSignature.class,
                () -> Signing.unsignTimestamp(noTime, SECRET_KEY, SALT, null, NOW));
        assertEquals("No timestamp found", e.getMessage());
    }
}
