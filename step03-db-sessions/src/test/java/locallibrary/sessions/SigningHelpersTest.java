package locallibrary.sessions;

import static locallibrary.sessions.TestVectors.SALT;
import static locallibrary.sessions.TestVectors.SECRET_KEY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import locallibrary.sessions.Signing.BadSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small pieces of Signing, one by one. */
class SigningHelpersTest {

    @ParameterizedTest
    @CsvSource({"0, 0", "1, 1", "61, z", "62, 10", "1764000000, 1vNYyu", "-62, -10",
        "9223372036854775807, AzL8n0Y58m7"})
    void base62EncodesLikeDjango(long number, String text) throws Exception {
        assertEquals(text, Signing.b62Encode(number));
        assertEquals(number, Signing.b62Decode(text));
    }

    @Test
    void base62RejectsBadText() {
        assertThrows(BadSignature.class, () -> Signing.b62Decode(""));
        assertThrows(BadSignature.class, () -> Signing.b62Decode("1vN-yu"));
        assertThrows(BadSignature.class, () -> Signing.b62Decode("AzL8n0Y58m8")); // Long.MAX_VALUE + 1
    }

    @Test
    void base64IsUrlSafeWithoutPadding() throws Exception {
        assertEquals("e30", Signing.b64Encode("{}".getBytes(StandardCharsets.US_ASCII)));
        // bytes fb ff: standard base64 would be "+/8=".
        assertEquals("-_8", Signing.b64Encode(new byte[] {(byte) 0xfb, (byte) 0xff}));
        assertArrayEquals(new byte[] {(byte) 0xfb, (byte) 0xff}, Signing.b64Decode("-_8"));
        // Padding is accepted when present, like Django's b64_decode.
        assertArrayEquals("{}".getBytes(StandardCharsets.US_ASCII), Signing.b64Decode("e30="));
    }

    @Test
    void signatureIsHmacSha256WithTheSaltedKey() {
        // The signature of the "visit" vector, computed from its first two parts.
        assertEquals("4jRa_r6WuKpOjj-BRJCellcbAbgcGUsslOgKVR1utpk",
                Signing.signature("eyJ2aXNpdCI6MTF9:1vNYyu", SECRET_KEY, SALT));
        assertEquals(32, Signing.saltedHmac("x", "y", "z").length); // SHA-256 = 32 bytes
    }

    @Test
    void theHashOfDataSavedBeforeDjango31IsAHexHmacSha1WithTheSaltedKey() {
        // Django 3.2's salted_hmac("django.contrib.sessionsSessionStore", b'{"a test key":"a test value"}',
        // "django_tests_secret_key").hexdigest(): the hash inside its test_decode_legacy value.
        byte[] json = "{\"a test key\":\"a test value\"}".getBytes(StandardCharsets.US_ASCII);
        assertEquals("9e353f5d150c9a1fc82d773a04f2586f04524b64",
                Signing.saltedHmacSha1("django.contrib.sessionsSessionStore", json, "django_tests_secret_key"));
    }

    @Test
    void constantTimeEquals() {
        assertTrue(Signing.constantTimeEquals("abc", "abc"));
        assertFalse(Signing.constantTimeEquals("abc", "abd"));
        assertFalse(Signing.constantTimeEquals("abc", "abcd"));
        assertFalse(Signing.constantTimeEquals("", "a"));
    }

    @Test
    void zlibRoundTripsAndLooksLikePythonsZlib() throws Exception {
        byte[] json = ("{\"text\":\"" + "x".repeat(300) + "\"}").getBytes(StandardCharsets.US_ASCII);
        byte[] compressed = Signing.zlibCompress(json);
        // 78 9c: the zlib header for the default level, which Python's zlib.compress writes too.
        assertEquals((byte) 0x78, compressed[0]);
        assertEquals((byte) 0x9c, compressed[1]);
        assertArrayEquals(json, Signing.decompress(compressed, Signing.MAX_DECOMPRESSED_BYTES));
    }

    @Test
    void smallSessionsAreNotCompressed() {
        String signed = Signing.dumps(Map.of("a", 1), SECRET_KEY, SALT, true, 0);
        assertFalse(signed.startsWith("."), signed);
    }

    @Test
    void compressIsOnlyUsedWhenAskedFor() throws Exception {
        Map<String, Object> big = TestVectors.map("text", "x".repeat(300));
        String plain = Signing.dumps(big, SECRET_KEY, SALT, false, 0);
        assertFalse(plain.startsWith("."));
        // Either form loads: the '.' tells loads what to do.
        assertEquals(big, Signing.loads(plain, SECRET_KEY, SALT, null));
    }

    @Test
    void dumpsRefusesValuesJsonCannotHold() {
        Map<String, Object> session = TestVectors.map("when", java.time.LocalDate.of(2025, 11, 24));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Signing.dumps(session, SECRET_KEY, SALT, true));
        assertTrue(e.getMessage().contains("LocalDate is not JSON serializable"), e.getMessage());
    }
}
