package locallibrary.sessions;

import java.util.Map;

/** Signed-cookie session values made at a moment of the test's choosing, for tests outside this package. */
public final class SignedCookieValues {

    /** The cookie value the signed_cookies engine would have sent at that moment. */
    public static String signedAt(Map<String, Object> data, String secretKey, long epochSecond) {
        return Signing.dumps(data, secretKey, SignedCookieSessionStore.SALT, true, epochSecond);
    }

    private SignedCookieValues() {
    }
}
