package locallibrary.sessions;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.math.BigInteger;
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
 *   <li>{@code /}, {@code <} and {@code >} are NOT escaped.</li>
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
     * A value in the JSON notation that is stored, for pages that show session data: one notation everywhere.
     * Letters such as é are shown as themselves; the stored text writes them as escapes, which mean the same.
     */
    static String json(Object value) {
        try {
            return MAPPER.writer().without(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature()).writeValueAsString(value);
        } catch (IOException e) {
            return String.valueOf(value); // not JSON: the session could not store it either
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
