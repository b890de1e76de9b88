package locallibrary.sessions;

import static locallibrary.sessions.TestVectors.NOW;
import static locallibrary.sessions.TestVectors.SALT;
import static locallibrary.sessions.TestVectors.SECRET_KEY;
import static locallibrary.sessions.TestVectors.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import locallibrary.sessions.TestVectors.Vector;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-check with REAL Django 3.2 (Debian's python3-django): Django reads what we write,
 * and we read what Django writes. Skipped when Django is not installed.
 */
class RealDjangoReadsOurSessionsTest {

    /** Debian's Python; the python3 on PATH may be another one without Django. */
    private static final String PYTHON = "/usr/bin/python3";
    private static Path script;

    @BeforeAll
    static void needsDjango() throws Exception {
        Assumptions.assumeTrue(djangoIsInstalled(),
                "Skipped: real Django is not installed. To run this cross-check: "
                        + "apt-get install -y python3-django (then " + PYTHON + " can import django)");
        script = Path.of(RealDjangoReadsOurSessionsTest.class.getResource("/django_sessions_check.py").toURI());
    }

    private static boolean djangoIsInstalled() {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        try {
            return python(List.of("-c", "import django")).exitCode == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** What a python run printed. */
    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result python(List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(PYTHON);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        // Make sure no other Python installation's settings leak in.
        builder.environment().remove("PYTHONPATH");
        builder.environment().remove("PYTHONHOME");
        builder.environment().remove("DJANGO_SETTINGS_MODULE");
        Process process = builder.start();
        process.getOutputStream().close();
        try {
            // Our outputs are small, so reading stdout then stderr cannot dead-lock.
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("python did not finish");
            }
            return new Result(process.exitValue(), stdout.trim(), stderr);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Runs the helper script and returns what it printed; fails the test if Django raised. */
    private static String django(String... arguments) throws IOException {
        List<String> all = new ArrayList<>();
        all.add(script.toString());
        all.addAll(List.of(arguments));
        Result result = python(all);
        assertEquals(0, result.exitCode, "Django failed:\n" + result.stderr);
        return result.stdout;
    }

    private static String djangoDecode(String signed, String salt) throws IOException {
        return django("decode", SECRET_KEY, salt, signed);
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    // ------------------------------------------------------------ (a) Django reads ours

    static List<Map<String, Object>> sessions() {
        return List.of(
                map("num_visits", 1),
                map("num_visits", 3, "visit", 2, "my_car", map("wheels", "alloy")),
                map("name", "Zo\u00eb \u2713", "emoji", "\uD83D\uDE00", "html", "</script><b>&",
                        "control", "tab\there\nnew line \u007f \u0000"),
                map("text", "x".repeat(300)), // compressed
                map("greeting", "Gr\u00fc\u00df Gott! ".repeat(40), "list", List.of(1, 2.5, true)), // compressed
                map("big", 3000000000L, "neg", -7, "pi", 3.14, "nothing", null, "yes", false),
                map("floats", List.of(12345678.5, 0.0001, 1e-5, 1e7, 1e16, -0.0, 0.1 + 0.2, 2e23, 5e-324)),
                map("random floats", randomFloats()),
                map());
    }

    /** Doubles of every size and number of digits, from random bits. */
    private static List<Object> randomFloats() {
        return new Random(42).longs(200).mapToObj(bits -> (Object) Double.longBitsToDouble(bits)).toList();
    }

    @ParameterizedTest
    @MethodSource("sessions")
    void djangoReadsWhatWeWrite(Map<String, Object> session) throws Exception {
        String ours = Signing.dumps(session, SECRET_KEY, SALT, true);
        String djangoJson = djangoDecode(ours, SALT);
        // Same data, and Django's own JSON of it is byte for byte our JSON.
        assertEquals(session, SessionSerializer.loads(djangoJson.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(ascii(SessionSerializer.dumps(session)), djangoJson);
    }

    @Test
    void ourCompressedValuesAreReallyCompressed() {
        // Guards the tests above: several of their sessions must take the '.' (zlib) path
        // (at least the two long ones; JSON full of escapes often compresses too).
        long compressed = sessions().stream()
                .filter(s -> Signing.dumps(s, SECRET_KEY, SALT, true).startsWith("."))
                .count();
        assertTrue(compressed >= 2, compressed + " compressed");
    }

    @Test
    void djangoReadsOurSignedCookieWithMaxAge() throws Exception {
        String cookieSalt = "django.contrib.sessions.backends.signed_cookies";
        Map<String, Object> session = map("cart", List.of("book-1", "book-2"));
        String ours = Signing.dumps(session, SECRET_KEY, cookieSalt, true);
        assertEquals("{\"cart\":[\"book-1\",\"book-2\"]}", django("decode", SECRET_KEY, cookieSalt, ours, "1209600"));
        // Signed in 2001: Django says SignatureExpired, like our loads.
        String old = Signing.dumps(session, SECRET_KEY, cookieSalt, true, 1_000_000_000L);
        Result result = python(List.of(script.toString(), "decode", SECRET_KEY, cookieSalt, old, "1209600"));
        assertNotEquals(0, result.exitCode);
        assertTrue(result.stderr.contains("SignatureExpired"), result.stderr);
    }

    @Test
    void djangoRejectsOurValueWhenTampered() throws Exception {
        String ours = Signing.dumps(map("visit", 11), SECRET_KEY, SALT, true);
        String tampered = ours.substring(0, ours.length() - 1) + (ours.endsWith("A") ? "B" : "A");
        Result result = python(List.of(script.toString(), "decode", SECRET_KEY, SALT, tampered));
        assertNotEquals(0, result.exitCode);
        assertTrue(result.stderr.contains("BadSignature"), result.stderr);
    }

    // ------------------------------------------------------------ (b) we read Django's

    @ParameterizedTest
    @MethodSource("sessions")
    void weReadWhatDjangoWrites(Map<String, Object> session) throws Exception {
        String json = ascii(SessionSerializer.dumps(session));
        String djangoValue = django("encode", SECRET_KEY, Long.toString(NOW), json);
        assertEquals(session, Signing.loads(djangoValue, SECRET_KEY, SALT, null));
        // With the same clock, our dumps gives Django's exact value. (For the compressed
        // ones this also needs the same zlib output: true here, both use Debian's zlib.)
        assertEquals(djangoValue, Signing.dumps(session, SECRET_KEY, SALT, true, NOW));
    }

    static List<Vector> vectors() {
        return TestVectors.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void djangoStillProducesTheTestVectors(Vector vector) throws Exception {
        String json = ascii(SessionSerializer.dumps(vector.session()));
        assertEquals(vector.djangoValue(), django("encode", SECRET_KEY, Long.toString(NOW), json));
    }
}
