package locallibrary.sessions;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Django's {@code JSONSerializer}: turns the session dictionary into bytes and back.
 *
 * <p>Django writes {@code json.dumps(obj, separators=(',', ':'))}. We must produce the
 * very same bytes, because the signature is computed over them and because other
 * people compare our output with Django's. Python's JSON looks like this:
 * <ul>
 *   <li>no spaces: {@code {"a":1,"b":2}};</li>
 *   <li>keys in insertion order (a Python dict remembers its order; use a LinkedHashMap);</li>
 *   <li>every non-ASCII character escaped as {@code \u00eb}, with LOWERCASE hex
 *       (Python's {@code ensure_ascii=True}); characters outside the BMP as two escaped
 *       surrogates, e.g. {@code \ud83d\ude00};</li>
 *   <li>control characters escaped ({@code \n}, {@code \t}, ..., others as {@code \u001f}),
 *       and also DEL (0x7F) as {@code \u007f};</li>
 *   <li>{@code /}, {@code <} and {@code >} are NOT escaped;</li>
 *   <li>floats as Python's {@code repr} writes them: {@code 1e+16}, {@code 1e-05}, {@code 10000000.0}
 *       (Java writes {@code 1.0E16}, {@code 1.0E-5}, {@code 1.0E7}).</li>
 * </ul>
 */
final class SessionSerializer {

    private SessionSerializer() {
    }

    /** The longest number the reader accepts: Jackson's default. */
    static final int MAX_DIGITS = StreamReadConstraints.DEFAULT_MAX_NUM_LEN;

    /** One shared, thread-safe mapper configured to behave like Python's json module. */
    private static final ObjectMapper MAPPER = createMapper();

    private static ObjectMapper createMapper() {
        JsonFactory factory = new JsonFactoryBuilder()
                // Python's ensure_ascii=True: write "ë" as \u00eb.
                .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
                // Jackson writes \u00EB by default; Python writes \u00eb.
                .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                // Python also escapes DEL (0x7F); Jackson does not unless told so.
                .characterEscapes(new PythonEscapes())
                // Python writes a NaN float as bare NaN (not the string "NaN") ...
                .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                // ... and reads NaN, Infinity and -Infinity back.
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                // What we wrote we must read back. Jackson's default read limits (strings of 20 M characters,
                // keys of 50,000) are lower than what it writes, so a session that saved fine would fail its
                // next load and be wiped. Long numbers stay limited (reading them costs time that grows with the
                // square of their length): dumps refuses them instead. Nesting stays as deep as writing allows.
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(Integer.MAX_VALUE)
                        .maxNameLength(Integer.MAX_VALUE)
                        .maxNestingDepth(StreamWriteConstraints.defaults().getMaxNestingDepth())
                        .build())
                .build();
        return JsonMapper.builder(factory)
                // Python's json.loads rejects "{}{}" ("Extra data"); so do we.
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // Python writes 1e+16 and 10000000.0 where Jackson writes 1.0E16 and 1.0E7.
                .addModule(new SimpleModule()
                        .addSerializer(Double.class, new PythonFloats())
                        .addSerializer(Float.class, new PythonFloats()))
                .build();
    }

    /** Jackson's standard escape table for ASCII, plus DEL, which Python escapes too. */
    private static final class PythonEscapes extends CharacterEscapes {
        private final int[] asciiEscapes = CharacterEscapes.standardAsciiEscapesForJSON();

        PythonEscapes() {
            asciiEscapes[0x7F] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return asciiEscapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null; // no special escapes: the standard \\uXXXX form is used
        }
    }

    /** Writes a Double or a Float as Python writes a float: 1e+16 where Jackson would write 1.0E16. */
    private static final class PythonFloats extends StdSerializer<Number> {
        PythonFloats() {
            super(Number.class);
        }

        @Override
        public void serialize(Number value, JsonGenerator json, SerializerProvider provider) throws IOException {
            // Python has no 32-bit float: a Float is written with the digits it shows (0.1f as 0.1).
            double number = value instanceof Float ? Double.parseDouble(value.toString()) : value.doubleValue();
            json.writeNumber(pythonFloat(number));
        }
    }

    /**
     * A float as Python's {@code repr} writes it, which json.dumps uses: the fewest digits that read back
     * as the same number; in scientific notation (1e+16, 1e-05) when the power of ten of the first digit is
     * below -4 or 16 and over; otherwise plain, with at least ".0" (10000000.0, 0.0001).
     */
    private static String pythonFloat(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        // The sign apart: a BigDecimal has no -0.0, and Python writes it.
        String sign = Math.copySign(1.0, value) < 0 ? "-" : "";
        BigDecimal digits = shortestDecimal(Math.abs(value)).stripTrailingZeros();
        int exponent = digits.precision() - digits.scale() - 1; // 2 for 123.4, -5 for 0.00001
        if (exponent < -4 || exponent >= 16) {
            String mantissa = digits.movePointLeft(exponent).toPlainString(); // 1.2345678901234568
            // At least two digits after the e, as C's printf writes them: 1e-05, 1e+300.
            String digitsOfExponent = (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
            return sign + mantissa + (exponent < 0 ? "e-" : "e+") + digitsOfExponent;
        }
        String plain = digits.toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }

    /**
     * The decimal with the fewest significant digits that reads back as this double, as Python finds it
     * (Java 17's Double.toString sometimes gives more: 1.9999999999999998E23 for 2e+23, 4.9E-324 for 5e-324).
     */
    private static BigDecimal shortestDecimal(double value) {
        BigDecimal exact = new BigDecimal(value); // every double is exactly some decimal, often a long one
        for (int precision = 1; ; precision++) {
            BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (nearest.doubleValue() == value) {
                return nearest;
            }
            // At a power of two the next double down is nearer than the next one up: the far side may fit.
            RoundingMode otherWay = nearest.compareTo(exact) > 0 ? RoundingMode.FLOOR : RoundingMode.CEILING;
            BigDecimal other = exact.round(new MathContext(precision, otherWay));
            if (other.doubleValue() == value) {
                return other;
            }
        }
    }

    /**
     * JSON bytes of the session dictionary (Django: {@code JSONSerializer.dumps}).
     *
     * @throws IllegalArgumentException if a value is not something Python's JSON could
     *         write either (like Python's "Object of type X is not JSON serializable")
     */
    static byte[] dumps(Map<String, Object> session) {
        checkJsonValue(session, "session");
        try {
            return MAPPER.writeValueAsBytes(session);
        } catch (IOException e) {
            // Cannot really happen after checkJsonValue: we write to memory.
            throw new IllegalArgumentException("Cannot write session as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The session dictionary read back from JSON bytes (Django: {@code JSONSerializer.loads}).
     * Integers come back as Integer, or Long when they do not fit (BigInteger beyond that),
     * decimals as Double, objects as LinkedHashMap (keeps the order), arrays as ArrayList.
     *
     * @throws IOException if the bytes are not JSON, or the JSON is not an object
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> loads(byte[] json) throws IOException {
        // Django decodes the bytes as latin-1 (every byte is one character), not UTF-8.
        String text = new String(json, StandardCharsets.ISO_8859_1);
        Object value = MAPPER.readValue(text, Object.class);
        if (!(value instanceof Map)) {
            throw new IOException("JSON is not an object");
        }
        return (Map<String, Object>) value;
    }

    /**
     * Refuses values that Python's JSON cannot represent the same way. Without this check
     * Jackson would happily write any Java object (a LocalDate, a byte[], your own class),
     * and it would come back as something else.
     */
    private static void checkJsonValue(Object value, String where) {
        if (value instanceof BigInteger big && big.abs().toString().length() > MAX_DIGITS) {
            // Refused now, with a reason, rather than saved and then unreadable at the next load.
            throw new IllegalArgumentException("Integer of " + big.abs().toString().length() + " digits is longer"
                    + " than a session can read back (at most " + MAX_DIGITS + " digits, at " + where + ")");
        }
        if (value == null || value instanceof String || value instanceof Boolean
                || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger
                || value instanceof Double || value instanceof Float) {
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                checkJsonValue(list.get(i), where + "[" + i + "]");
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new IllegalArgumentException(
                            "Keys must be strings, found " + entry.getKey() + " in " + where);
                }
                checkJsonValue(entry.getValue(), where + "[\"" + key + "\"]");
            }
            return;
        }
        throw new IllegalArgumentException("Object of type " + value.getClass().getSimpleName()
                + " is not JSON serializable (at " + where + ")");
    }
}
