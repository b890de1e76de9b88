package locallibrary.sessions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The text stored in {@code session_data}: the session as JSON, compressed when that is shorter, in
 * base64, signed with a timestamp and an HMAC under SECRET_KEY. Django's {@code SessionBase.encode} and
 * {@code decode}: a real Django with the same SECRET_KEY reads what we write, and we read what it writes.
 */
public final class SignedSessionData {

    /** Django's salt for session data: a signature made for sessions is worthless anywhere else. */
    public static final String KEY_SALT = "django.contrib.sessions.SessionStore";

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
            LOG.warning("Session data corrupted (" + e.getMessage() + ")");
            return new Corrupted();
        }
    }
    // endregion:encode

    /** The empty session that decode gives for data that failed its check: it lets the panel say why. */
    static final class Corrupted extends LinkedHashMap<String, Object> {
    }

    /** Like decode, for callers that only look (the panel, the decode command): null when it fails, no warning. */
    public Map<String, Object> decodeQuietly(String sessionData) {
        try {
            return Signing.loads(sessionData, secretKey, KEY_SALT, null);
        } catch (Signing.BadSignature e) {
            return null;
        }
    }

    /** What the panel shows of a stored value: the JSON inside, and whether its signature holds. */
    public String describe(String sessionData) {
        return describe(sessionData, decodeQuietly(sessionData) != null);
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
}
