package locallibrary.sessions;

import static locallibrary.sessions.TestVectors.SALT;
import static locallibrary.sessions.TestVectors.SECRET_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import locallibrary.sessions.Signing.BadSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * loads must answer ANY input with BadSignature: a session cookie or a database row can
 * contain anything, and the store turns BadSignature into an empty session. Any other
 * exception would become a 500 error.
 */
class SigningGarbageTest {

    /** Loads the value and checks that it fails with BadSignature (not a subclass, not another exception). */
    private static BadSignature assertBadSignature(String value) {
        BadSignature e = assertThrowsExactly(BadSignature.class,
                () -> Signing.loads(value, SECRET_KEY, SALT, null));
        assertTrue(e.getMessage().length() < 60, "the reason is short: " + e.getMessage());
        return e;
    }

    /** Signs any text with OUR key, so loads gets past the signature and meets the garbage. */
    private static String signedWithOurKey(String withTime) {
        return withTime + ":" + Signing.signature(withTime, SECRET_KEY, SALT);
    }

    private static String b64(String text) {
        return Signing.b64Encode(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    // ------------------------------------------------------------ unsigned garbage

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ":", "::", ":::", "e30", "e30:1vNYyu", "a:b", "a:b:c",
        "not base64 at all", "%%%:1vNYyu:xyz", "\u00e9:\u00fc:\u00df", "\u0000", "\ud83d",
        "e30:1vNYyu:", ":1vNYyu:0MT-RQ5FqfOv_jVSnKfqjxdyTghTfOpuAFSC97VOov0",
        "{\"num_visits\": 1}", "null", "undefined"})
    void unsignedGarbageIsABadSignature(String garbage) {
        assertBadSignature(garbage);
    }

    @Test
    void nullIsABadSignature() {
        assertBadSignature(null);
    }

    @Test
    void noColonGivesDjangosMessage() {
        assertEquals("No \":\" found in value", assertBadSignature("e30").getMessage());
    }

    @Test
    void hugeInputsAreABadSignature() {
        assertBadSignature("a".repeat(10_000_000));
        assertBadSignature("e30:".repeat(2_000_000) + "x");
        char[] colons = new char[5_000_000];
        Arrays.fill(colons, ':');
        assertBadSignature(new String(colons));
    }

    // ------------------------------------------------------------ signed garbage

    static Stream<Arguments> signedGarbage() {
        byte[] json = "{\"text\":\"hello hello hello hello hello\"}".getBytes(StandardCharsets.US_ASCII);
        byte[] zlib = Signing.zlibCompress(json);
        byte[] truncatedZlib = Arrays.copyOf(zlib, zlib.length - 3);
        String deeplyNested = "[".repeat(100_000) + "]".repeat(100_000);
        return Stream.of(
                Arguments.of("no timestamp", "e30", "No timestamp found"),
                Arguments.of("empty timestamp", "e30:", "Bad timestamp"),
                Arguments.of("timestamp not base62", "e30:1vN!yu", "Bad timestamp"),
                Arguments.of("timestamp only a minus", "e30:-", "Bad timestamp"),
                Arguments.of("timestamp too big for a long", "e30:" + "z".repeat(30), "Bad timestamp"),
                Arguments.of("payload not base64", "!!!!:1vNYyu", "Payload is not base64"),
                Arguments.of("payload of impossible base64 length", "e30ab:1vNYyu", "Payload is not base64"),
                Arguments.of("standard base64 instead of url-safe", "+/+/:1vNYyu", "Payload is not base64"),
                Arguments.of("'.' but not zlib", ".e30:1vNYyu", "Payload is not zlib data"),
                Arguments.of("'.' and nothing", ".:1vNYyu", "Payload is not zlib data (truncated)"),
                Arguments.of("truncated zlib", "." + Signing.b64Encode(truncatedZlib) + ":1vNYyu",
                        "Payload is not zlib data (truncated)"),
                Arguments.of("zlib of non-JSON", "." + Signing.b64Encode(Signing.zlibCompress(
                        "no json".repeat(20).getBytes(StandardCharsets.US_ASCII))) + ":1vNYyu",
                        "Payload is not a JSON object"),
                Arguments.of("empty payload", ":1vNYyu", "Payload is not a JSON object"),
                Arguments.of("not JSON", b64("hello") + ":1vNYyu", "Payload is not a JSON object"),
                Arguments.of("JSON array", b64("[1,2]") + ":1vNYyu", "Payload is not a JSON object"),
                Arguments.of("JSON null", b64("null") + ":1vNYyu", "Payload is not a JSON object"),
                Arguments.of("JSON number", b64("42") + ":1vNYyu", "Payload is not a JSON object"),
                Arguments.of("JSON string", b64("\"s\"") + ":1vNYyu", "Payload is not a JSON object"),
                Arguments.of("two objects", b64("{}{}") + ":1vNYyu", "Payload is not a JSON object"),
                Arguments.of("unfinished object", b64("{\"a\":") + ":1vNYyu", "Payload is not a JSON object"),
                Arguments.of("bytes that are not text", b64("\u00ff\u00fe\u0000") + ":1vNYyu",
                        "Payload is not a JSON object"),
                Arguments.of("deeply nested", b64(deeplyNested) + ":1vNYyu", "Payload is not a JSON object"),
                Arguments.of("number with 100000 digits", b64("{\"n\":" + "9".repeat(100_000) + "}")
                        + ":1vNYyu", "Payload is not a JSON object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signedGarbage")
    void correctlySignedGarbageIsStillABadSignature(String description, String withTime, String reason) {
        BadSignature e = assertBadSignature(signedWithOurKey(withTime));
        assertEquals(reason, e.getMessage());
    }
}
