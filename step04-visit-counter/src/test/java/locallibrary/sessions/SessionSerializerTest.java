package locallibrary.sessions;

import static locallibrary.sessions.TestVectors.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our JSON must be byte-identical to Python's {@code json.dumps(d, separators=(',', ':'))}.
 * Every expected string below was printed by /usr/bin/python3 (Debian's Python 3.11).
 */
class SessionSerializerTest {

    private static String dumps(Map<String, Object> session) {
        // The output is pure ASCII, so any charset gives the same text.
        return new String(SessionSerializer.dumps(session), StandardCharsets.US_ASCII);
    }

    private static Map<String, Object> loads(String json) throws IOException {
        return SessionSerializer.loads(json.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void nonAsciiIsEscapedWithLowercaseHexAndSurrogatePairs() {
        // Jackson's ESCAPE_NON_ASCII alone would write \u00EB and \uD83D\uDE00 (uppercase).
        assertEquals("{\"s\":\"Zo\\u00eb \\u2713 \\ud83d\\ude00\"}",
                dumps(map("s", "Zo\u00eb \u2713 \uD83D\uDE00")));
    }

    @Test
    void slashAndHtmlCharactersAreNotEscaped() {
        assertEquals("{\"s\":\"a/b <script> & 'q' \\\"dq\\\" back\\\\slash\"}",
                dumps(map("s", "a/b <script> & 'q' \"dq\" back\\slash")));
    }

    @Test
    void controlCharactersAndDelAreEscapedLikePython() {
        // Python escapes DEL (0x7F) too; Jackson does not unless told so.
        assertEquals("{\"s\":\"\\u0000\\u0001\\b\\t\\n\\f\\r\\u001f\\u007f\\u0080\\u2028\\uffff\"}",
                dumps(map("s", "\u0000\u0001\b\t\n\f\r\u001f\u007f\u0080\u2028\uffff")));
    }

    @Test
    void allJsonTypesAreWrittenLikePython() {
        List<Object> list = new ArrayList<>();
        list.add(1);
        list.add("x");
        list.add(List.of());
        list.add(Map.of());
        Map<String, Object> session = map("i", 1, "l", 3000000000L,
                "b", new BigInteger("123456789012345678901234"), "f", 1.5, "t", 0.1, "n", -2.25,
                "z", 0.0, "nan", Double.NaN, "inf", Double.POSITIVE_INFINITY,
                "ninf", Double.NEGATIVE_INFINITY, "T", true, "F", false, "N", null, "L", list);
        assertEquals("{\"i\":1,\"l\":3000000000,\"b\":123456789012345678901234,\"f\":1.5,\"t\":0.1,"
                + "\"n\":-2.25,\"z\":0.0,\"nan\":NaN,\"inf\":Infinity,\"ninf\":-Infinity,"
                + "\"T\":true,\"F\":false,\"N\":null,\"L\":[1,\"x\",[],{}]}", dumps(session));
    }

    @Test
    void keysKeepTheirInsertionOrder() {
        assertEquals("{\"zebra\":1,\"apple\":2,\"mango\":3}", dumps(map("zebra", 1, "apple", 2, "mango", 3)));
    }

    @Test
    void floatsAreWrittenAsPythonWritesThem() throws Exception {
        // Real Django 3.2's JSONSerializer; Jackson alone writes 1.23456785E7, 1.0E-4, 1.0E16, 1.0E-5, ...
        Map<String, Object> session = map("a", 12345678.5, "b", 0.0001, "c", 1e16, "d", 1e-5, "e", 1e7,
                "f", 1.5, "g", -0.0, "h", 1e22, "i", 1.2345678901234568e17);
        String python = "{\"a\":12345678.5,\"b\":0.0001,\"c\":1e+16,\"d\":1e-05,\"e\":10000000.0,\"f\":1.5,"
                + "\"g\":-0.0,\"h\":1e+22,\"i\":1.2345678901234568e+17}";
        assertEquals(python, dumps(session));
        assertEquals(session, loads(python));
    }

    @Test
    void floatsHaveTheFewestDigitsThatReadBackAndPythonsLayout() {
        // json.dumps([1e16, 1e15, 0.0001, 0.00001, 1e300, 5e-324, 1.7976931348623157e308, 0.1 + 0.2, 100.0,
        // float(2**53)]) in Python 3.
        List<Object> floats = List.of(1e16, 1e15, 0.0001, 0.00001, 1e300, 5e-324, 1.7976931348623157e308,
                0.1 + 0.2, 100.0, Math.pow(2, 53));
        assertEquals("{\"l\":[1e+16,1000000000000000.0,0.0001,1e-05,1e+300,5e-324,1.7976931348623157e+308,"
                + "0.30000000000000004,100.0,9007199254740992.0]}", dumps(map("l", floats)));
    }

    @Test
    void floatsAreWrittenWithTheFewestDigitsEvenWhereJavasToStringWritesMore() {
        // Java 17's Double.toString gives 1.9999999999999998E23, 4.9E-324 and 7.1202363472230444E-307. The
        // last is a power of two: the nearest 16-digit decimal, just below it, reads back as another double.
        assertEquals("{\"l\":[2e+23,5e-324,7.120236347223045e-307]}",
                dumps(map("l", List.of(2e23, Double.MIN_VALUE, 7.120236347223045e-307))));
    }

    @Test
    void aJavaFloatIsWrittenWithTheDigitsItShows() {
        // Python has no 32-bit float; 0.1f widened to a double would be 0.10000000149011612.
        assertEquals("{\"l\":[0.1,10000000.0,2.5e-06]}", dumps(map("l", List.of(0.1f, 1e7f, 2.5e-6f))));
    }

    @Test
    void loadsGivesIntegerLongBigIntegerDoubleMapAndList() throws Exception {
        Map<String, Object> loaded = loads(
                "{\"i\":1,\"l\":3000000000,\"b\":123456789012345678901234,\"d\":1.5,\"m\":{},\"a\":[]}");
        assertInstanceOf(Integer.class, loaded.get("i"));
        assertInstanceOf(Long.class, loaded.get("l"));
        assertInstanceOf(BigInteger.class, loaded.get("b"));
        assertInstanceOf(Double.class, loaded.get("d"));
        assertInstanceOf(LinkedHashMap.class, loaded);
        assertInstanceOf(LinkedHashMap.class, loaded.get("m"));
        assertInstanceOf(List.class, loaded.get("a"));
    }

    @Test
    void loadsReadsPythonsNanAndInfinity() throws Exception {
        Map<String, Object> loaded = loads("{\"nan\":NaN,\"inf\":Infinity,\"ninf\":-Infinity}");
        assertTrue(((Double) loaded.get("nan")).isNaN());
        assertEquals(Double.POSITIVE_INFINITY, loaded.get("inf"));
        assertEquals(Double.NEGATIVE_INFINITY, loaded.get("ninf"));
    }

    @Test
    void loadsDecodesBytesAsLatin1LikeDjango() throws Exception {
        // Django's JSONSerializer.loads does data.decode('latin-1'). Our (and Django's) output
        // is pure ASCII, so this only matters for bytes written by someone else: the UTF-8
        // bytes of "é" (c3 a9) come back as the two characters "Ã©", in Python too.
        byte[] utf8 = "{\"a\":\"\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals(map("a", "\u00c3\u00a9"), SessionSerializer.loads(utf8));
        assertEquals(map("a", "\u00e9"), loads("{\"a\":\"\\u00e9\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "null", "1", "\"s\"", "{}{}", "{} x", "{'a':1}", "{\"a\":}"})
    void loadsRefusesAnythingButOneJsonObject(String json) {
        assertThrows(IOException.class, () -> loads(json));
    }

    @Test
    void dumpsRefusesJavaObjectsThatJsonCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> dumps(map("bytes", new byte[] {1})));
        assertThrows(IllegalArgumentException.class, () -> dumps(map("array", new int[] {1})));
        assertThrows(IllegalArgumentException.class, () -> dumps(map("object", new Object())));
        assertThrows(IllegalArgumentException.class, () -> dumps(map("deep", List.of(Map.of("x", new Object())))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dumps(map("intKeys", Map.of(1, "one"))));
        assertTrue(e.getMessage().startsWith("Keys must be strings"), e.getMessage());
    }
}
