package locallibrary.sessions;

import static locallibrary.sessions.TestVectors.SALT;
import static locallibrary.sessions.TestVectors.SECRET_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import locallibrary.sessions.Signing.BadSignature;
import locallibrary.sessions.TestVectors.Vector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Any change to a signed value, or the wrong key or salt, must give BadSignature. */
class SigningTamperingTest {

    static List<Vector> vectors() {
        return TestVectors.all();
    }

    /** Replaces the character at index i with another base64url character. */
    private static String changeCharAt(String text, int i) {
        char replacement = text.charAt(i) == 'A' ? 'B' : 'A';
        return text.substring(0, i) + replacement + text.substring(i + 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everyChangedSignatureCharacterIsRejected(Vector vector) {
        String value = vector.djangoValue();
        int signatureStart = value.lastIndexOf(':') + 1;
        for (int i = signatureStart; i < value.length(); i++) {
            String tampered = changeCharAt(value, i);
            BadSignature e = assertThrows(BadSignature.class,
                    () -> Signing.loads(tampered, SECRET_KEY, SALT, null), tampered);
            assertEquals("Signature does not match", e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everyChangedPayloadOrTimeCharacterIsRejected(Vector vector) {
        String value = vector.djangoValue();
        int signatureStart = value.lastIndexOf(':') + 1;
        for (int i = 0; i < signatureStart - 1; i++) {
            if (value.charAt(i) == ':') {
                continue; // changing the separator is tested elsewhere
            }
            String tampered = changeCharAt(value, i);
            assertThrows(BadSignature.class, () -> Signing.loads(tampered, SECRET_KEY, SALT, null), tampered);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void anotherSecretKeyIsRejected(Vector vector) {
        assertThrows(BadSignature.class,
                () -> Signing.loads(vector.djangoValue(), SECRET_KEY + "x", SALT, null));
        assertThrows(BadSignature.class,
                () -> Signing.loads(vector.djangoValue(), "another-secret", SALT, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void anotherSaltIsRejected(Vector vector) {
        // E.g. a signed-cookie session value replayed into the database engine.
        assertThrows(BadSignature.class, () -> Signing.loads(vector.djangoValue(), SECRET_KEY,
                "django.contrib.sessions.backends.signed_cookies", null));
        assertThrows(BadSignature.class, () -> Signing.loads(vector.djangoValue(), SECRET_KEY,
                "django.core.signing", null));
    }

    @Test
    void aPayloadWrittenByTheAttackerIsRejected() {
        // {"visit":11} -> {"visit":99} with the old time and signature kept.
        String genuine = "eyJ2aXNpdCI6MTF9:1vNYyu:4jRa_r6WuKpOjj-BRJCellcbAbgcGUsslOgKVR1utpk";
        String forged = Signing.b64Encode("{\"visit\":99}".getBytes()) + genuine.substring(genuine.indexOf(':'));
        assertThrows(BadSignature.class, () -> Signing.loads(forged, SECRET_KEY, SALT, null));
    }

    @Test
    void aSignatureFromAnotherValueIsRejected() {
        String a = TestVectors.all().get(0).djangoValue();
        String b = TestVectors.all().get(1).djangoValue();
        String mixed = a.substring(0, a.lastIndexOf(':')) + b.substring(b.lastIndexOf(':'));
        assertThrows(BadSignature.class, () -> Signing.loads(mixed, SECRET_KEY, SALT, null));
    }

    @Test
    void removingTheSignatureOrAddingTextIsRejected() {
        String value = TestVectors.all().get(0).djangoValue();
        String withoutSignature = value.substring(0, value.lastIndexOf(':'));
        assertThrows(BadSignature.class, () -> Signing.loads(withoutSignature, SECRET_KEY, SALT, null));
        assertThrows(BadSignature.class, () -> Signing.loads(value + "x", SECRET_KEY, SALT, null));
        assertThrows(BadSignature.class, () -> Signing.loads(value + ":", SECRET_KEY, SALT, null));
        assertThrows(BadSignature.class, () -> Signing.loads(" " + value, SECRET_KEY, SALT, null));
        assertThrows(BadSignature.class, () -> Signing.loads(value.toUpperCase(), SECRET_KEY, SALT, null));
    }
}
