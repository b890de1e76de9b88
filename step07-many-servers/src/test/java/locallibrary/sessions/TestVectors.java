package locallibrary.sessions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The test vectors of /work/shared/reference/test-vectors.md, produced by real Django 3.2.25
 * with {@code SessionStore().encode(d)} and the clock fixed.
 */
final class TestVectors {

    private TestVectors() {
    }

    static final String SECRET_KEY = "sandbox-test-vector-secret-key-0123456789";
    /** Django's key_salt for every built-in session engine. */
    static final String SALT = "django.contrib.sessions.SessionStore";
    /** 2025-11-24 16:00:00 UTC, "1vNYyu" in base62. */
    static final long NOW = 1764000000L;

    /** One row of the table: the session dict and Django's session_data for it. */
    record Vector(String name, Map<String, Object> session, String djangoValue, boolean compressed) {
        @Override
        public String toString() {
            return name; // shown by JUnit as the test's display name
        }
    }

    static List<Vector> all() {
        return List.of(
                new Vector("num_visits", map("num_visits", 1),
                        "eyJudW1fdmlzaXRzIjoxfQ:1vNYyu:bIEZIeiF8o-1B1PDaurg44mWsnKbA-YT155DAf15T2Y", false),
                new Vector("visit", map("visit", 11),
                        "eyJ2aXNpdCI6MTF9:1vNYyu:4jRa_r6WuKpOjj-BRJCellcbAbgcGUsslOgKVR1utpk", false),
                new Vector("nested", map("num_visits", 3, "visit", 2, "my_car", map("wheels", "alloy")),
                        "eyJudW1fdmlzaXRzIjozLCJ2aXNpdCI6MiwibXlfY2FyIjp7IndoZWVscyI6ImFsbG95In19"
                                + ":1vNYyu:j5t0md8nlb9WGlaCQBv-WN-bKLBQrzmbs6R392eqTVI", false),
                new Vector("non-ascii", map("name", "Zo\u00eb \u2713"),
                        "eyJuYW1lIjoiWm9cdTAwZWIgXHUyNzEzIn0:1vNYyu:"
                                + "F-k-FOwQwDM-Gj5AETGYpSzHqA_h_gFh2PtA3gHHwgE", false),
                new Vector("empty", map(),
                        "e30:1vNYyu:0MT-RQ5FqfOv_jVSnKfqjxdyTghTfOpuAFSC97VOov0", false),
                new Vector("300 x (compressed)", map("text", "x".repeat(300)),
                        ".eJyrVipJrShRslKqGAVEA6VaAECykCA:1vNYyu:gsTQhJig3bg3-HecH-zGc9roxEmh5whVVCyoTMEIi_M", true));
    }

    /** A LinkedHashMap (keeps insertion order, like a Python dict) from key, value, key, value... */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
