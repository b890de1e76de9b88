package locallibrary.sessions;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * No storage at all: the session, signed, IS the cookie's value, as in Django's
 * {@code django.contrib.sessions.backends.signed_cookies}. Nothing to keep, clean or share between
 * server processes; but the browser (and anyone who copies the cookie) can read the data, since signing
 * is not encryption; a copied cookie stays valid until its age runs out, because the server has nothing
 * to delete; and browsers refuse cookies over about 4 KB.
 */
public final class SignedCookieSessionStore implements SessionStore {

    /** Django's salt for this engine: a signature made for session_data is worthless as a cookie, and back. */
    public static final String SALT = "django.contrib.sessions.backends.signed_cookies";
    /**
     * The most a cookie ("name=value") can hold in every common browser: RFC 6265 asks them to take at
     * least 4096 bytes, and 4093 is what all of them keep in practice.
     */
    static final int BROWSER_LIMIT = 4093;

    private static final Logger LOG = Logger.getLogger(SignedCookieSessionStore.class.getName());

    private final String secretKey;
    private final String cookieName;
    private final int cookieAge;
    private final Clock clock;

    public SignedCookieSessionStore(String secretKey, String cookieName, int cookieAge) {
        this(secretKey, cookieName, cookieAge, Clock.systemUTC());
    }

    /** With a clock of the test's choosing, so that a test can let two weeks pass at once. */
    SignedCookieSessionStore(String secretKey, String cookieName, int cookieAge, Clock clock) {
        this.secretKey = secretKey;
        this.cookieName = cookieName;
        this.cookieAge = cookieAge;
        this.clock = clock;
    }

    // region:load
    /**
     * The data inside the cookie's value, if the signature holds and it was signed at most
     * SESSION_COOKIE_AGE seconds ago (Django, too, ignores set_expiry here: ticket #19201). Anything
     * else, changed by hand, signed with another SECRET_KEY, or too old, starts a new, empty session,
     * which the browser gets at once as a fresh cookie, as in Django.
     */
    @Override
    public Map<String, Object> load(String sessionKey) {
        try {
            return Signing.loads(sessionKey, secretKey, SALT, (long) cookieAge, clock.instant().getEpochSecond());
        } catch (Signing.BadSignature tamperedOrExpired) {
            // Django's engine calls create() here: a new, empty session, sent back at once.
            throw new StartNewSession(tamperedOrExpired instanceof Signing.SignatureExpired
                    ? LoadOutcome.EXPIRED : LoadOutcome.BAD_SIGNATURE);
        }
    }
    // endregion:load

    /** No key is ever "taken": there is no place where keys are kept. */
    @Override
    public boolean exists(String sessionKey) {
        return false;
    }

    // region:save
    /**
     * Stores nothing: signs the data and returns it, to be sent as the cookie's value. The key the
     * session had (a random one the first time, the old cookie value after that) plays no part.
     */
    @Override
    public String save(String sessionKey, Map<String, Object> data, Instant expireDate, boolean mustCreate) {
        String value = Signing.dumps(data, secretKey, SALT, true, clock.instant().getEpochSecond());
        if (cookieSize(value) > BROWSER_LIMIT) {
            // Django sends it anyway, and the browser silently keeps its old cookie: at least say so.
            LOG.warning("The session cookie is " + cookieSize(value) + " bytes: browsers refuse cookies over about "
                    + BROWSER_LIMIT + " bytes, so this browser will not keep this change of its session."
                    + " Store less in the session, or use a server-side SESSION_ENGINE.");
        }
        return value;
    }
    // endregion:save

    /** The server has nothing to delete: the cookie goes when the browser is told to drop it. */
    @Override
    public void delete(String sessionKey) {
    }

    /** Nothing kept, nothing to clear: an old cookie is refused by its timestamp. */
    @Override
    public int clearExpired() {
        return 0;
    }

    @Override
    public Map<String, String> storedRow(String sessionKey) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("server-side storage", "none: the data travels in the cookie, and django_session stays empty");
        fields.put("cookie value decoded", SignedSessionData.describe(sessionKey, loads(sessionKey))
                + "; anyone who has the cookie can read it (base64 is not encryption), and it counts only"
                + " until it is SESSION_COOKIE_AGE old");
        int size = cookieSize(sessionKey);
        fields.put("cookie size", size + " bytes" + (size > BROWSER_LIMIT
                ? ": TOO LARGE, browsers refuse cookies over about " + BROWSER_LIMIT + " bytes, so this change is lost"
                : " of the about " + BROWSER_LIMIT + " a browser keeps"));
        return fields;
    }

    private boolean loads(String value) {
        try {
            return load(value) != null;
        } catch (StartNewSession refused) {
            return false;
        }
    }

    /** What a browser counts against its limit: the name, '=' and the value. */
    private int cookieSize(String value) {
        return (cookieName + "=" + value).getBytes(StandardCharsets.US_ASCII).length;
    }
}
