package locallibrary.sessions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The text stored in {@code session_data}: the session as JSON, compressed when that is shorter, in
 * base64, signed with a timestamp and an HMAC under SECRET_KEY. Django's {@code SessionBase.encode} and
 * {@code decode}: a real Django with the same SECRET_KEY reads what we write, and we read what it writes,
 * including data saved before Django 3.1, which had another format.
 */
public final class SignedSessionData {

    /** Django's salt for session data: a signature made for sessions is worthless anywhere else. */
    public static final String KEY_SALT = "django.contrib.sessions.SessionStore";

    /** The salt of the hash of data saved before Django 3.1 ({@code SessionBase._hash}): no dot in it. */
    private static final String LEGACY_KEY_SALT = "django.contrib.sessions" + "SessionStore";

    private static final Logger LOG = Logger.getLogger("django.security.SuspiciousSession");

    private final String secretKey;

    public SignedSessionData(String secretKey) {
        this.secretKey = secretKey;
    }

    // region:encode
    public String encode(Map<String, Object> session) {
        return Signing.dumps(session, secretKey, KEY_SALT, true);
    }

    /**
     * The session inside a stored value. Data that was tampered with, signed under another SECRET_KEY, or
     * is not JSON gives an empty session and a warning, never an error page.
     */
    public Map<String, Object> decode(String sessionData) {
        try {
            return Signing.loads(sessionData, secretKey, KEY_SALT, null);
        } catch (Signing.BadSignature e) {
            // Django 3.2 still reads data saved before 3.1.
            Map<String, Object> legacy = legacyDecode(sessionData);
            if (legacy != null) {
                return legacy;
            }
            LOG.warning("Session data corrupted (" + e.getMessage() + ")");
            return new Corrupted();
        }
    }
    // endregion:encode

    /** The empty session that decode gives for data that failed its check: it lets the panel say why. */
    static final class Corrupted extends LinkedHashMap<String, Object> {
    }

    /** Like decode, for callers that only look: null when it fails, and no warning. */
    public Map<String, Object> decodeQuietly(String sessionData) {
        try {
            return Signing.loads(sessionData, secretKey, KEY_SALT, null);
        } catch (Signing.BadSignature e) {
            return legacyDecode(sessionData);
        }
    }

    /** What the panel shows of a stored value: the JSON inside, and whether its signature holds. */
    public String describe(String sessionData) {
        try {
            Signing.loads(sessionData, secretKey, KEY_SALT, null);
            return describe(sessionData, true);
        } catch (Signing.BadSignature e) {
            if (legacyDecode(sessionData) == null) {
                return describe(sessionData, false);
            }
            return new String(legacyJson(sessionData), StandardCharsets.UTF_8)
                    + " (pre-3.1 format, SHA-1 hash valid: the next save writes it in today's format)";
        }
    }

    /** The JSON anyone can read in a signed value (signing is not encryption), and the verdict on it. */
    static String describe(String signedValue, boolean valid) {
        String json;
        try {
            json = Signing.unverifiedJson(signedValue);
        } catch (Signing.BadSignature e) {
            json = "not a signed value (" + e.getMessage() + ")";
        }
        return json + (valid ? " (signature valid)" : " (signature NOT valid: loaded as an empty session)");
    }

    /**
     * Django's {@code _legacy_decode}: before Django 3.1, session_data was "hash:json" in base64, the hash
     * a hex HMAC-SHA1 of the JSON under SECRET_KEY. The session, or null when the value is not that.
     */
    private Map<String, Object> legacyDecode(String sessionData) {
        byte[] json = legacyJson(sessionData);
        if (json == null) {
            return null;
        }
        try {
            return SessionSerializer.loads(json);
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    /** The JSON of pre-3.1 data if its hash holds, else null. */
    private byte[] legacyJson(String sessionData) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(sessionData);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        // One character per byte: the JSON's bytes come back exactly as they were hashed.
        String text = new String(decoded, StandardCharsets.ISO_8859_1);
        int colon = text.indexOf(':');
        if (colon < 0) {
            return null;
        }
        byte[] json = text.substring(colon + 1).getBytes(StandardCharsets.ISO_8859_1);
        String expected = Signing.saltedHmacSha1(LEGACY_KEY_SALT, json, secretKey);
        return Signing.constantTimeEquals(text.substring(0, colon), expected) ? json : null;
    }
}
