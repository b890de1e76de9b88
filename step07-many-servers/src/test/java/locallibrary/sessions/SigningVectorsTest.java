package locallibrary.sessions;

import static locallibrary.sessions.TestVectors.NOW;
import static locallibrary.sessions.TestVectors.SALT;
import static locallibrary.sessions.TestVectors.SECRET_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import locallibrary.sessions.TestVectors.Vector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our dumps/loads against the values real Django 3.2 produced (test-vectors.md). */
class SigningVectorsTest {

    static List<Vector> vectors() {
        return TestVectors.all();
    }

    static List<Vector> uncompressedVectors() {
        return TestVectors.all().stream().filter(v -> !v.compressed()).toList();
    }

    static List<Vector> compressedVectors() {
        return TestVectors.all().stream().filter(Vector::compressed).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("uncompressedVectors")
    void dumpsIsByteIdenticalToDjango(Vector vector) {
        // Sessions always ask for compression; for these small dicts it does not pay off.
        String ours = Signing.dumps(vector.session(), SECRET_KEY, SALT, true, NOW);
        assertEquals(vector.djangoValue(), ours);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compressedVectors")
    void compressedDumpsRoundTripsAndHasDjangosShape(Vector vector) throws Exception {
        String ours = Signing.dumps(vector.session(), SECRET_KEY, SALT, true, NOW);
        assertTrue(ours.startsWith(".eJ"), "compressed payload starts with '.' and zlib's 78 9c: " + ours);
        assertTrue(ours.contains(":1vNYyu:"), ours);
        assertEquals(vector.session(), Signing.loads(ours, SECRET_KEY, SALT, null));
        // Shorter than the uncompressed form would be.
        String plain = Signing.dumps(vector.session(), SECRET_KEY, SALT, false, NOW);
        assertTrue(ours.length() < plain.length());
        // (That real Django reads it is checked in RealDjangoReadsOurSessions.)
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void loadsReadsDjangosValue(Vector vector) throws Exception {
        Map<String, Object> loaded = Signing.loads(vector.djangoValue(), SECRET_KEY, SALT, null);
        assertEquals(vector.session(), loaded);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void loadsKeepsTheKeyOrder(Vector vector) throws Exception {
        Map<String, Object> loaded = Signing.loads(vector.djangoValue(), SECRET_KEY, SALT, null);
        assertEquals(List.copyOf(vector.session().keySet()), List.copyOf(loaded.keySet()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void sessionsDecodeIgnoresTheAgeOfOldValues(Vector vector) throws Exception {
        // Ten years later, with maxAge null: still readable (expiry is the store's job).
        long tenYearsLater = NOW + 10L * 365 * 24 * 3600;
        assertEquals(vector.session(),
                Signing.loads(vector.djangoValue(), SECRET_KEY, SALT, null, tenYearsLater));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void roundTripWithTheRealClock(Vector vector) throws Exception {
        String signed = Signing.dumps(vector.session(), SECRET_KEY, SALT, true);
        assertEquals(vector.session(), Signing.loads(signed, SECRET_KEY, SALT, 60L));
    }
}
