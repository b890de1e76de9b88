package locallibrary.sessions;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import locallibrary.Settings;

/**
 * One browser's session, for the length of one request: Django's {@code request.session}. It reads the
 * stored data on first use, and remembers whether the view read it ({@link #accessed}) or changed it
 * ({@link #modified}): {@link SessionMiddleware} decides from those what to send back.
 */
public final class Session {

    private static final AttachmentKey<Session> REQUEST_SESSION = AttachmentKey.create(Session.class);
    /** Django's VALID_KEY_CHARS: the only characters a key the server makes can hold. */
    static final String VALID_KEY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SessionStore store;
    private final Settings settings;
    private final String keyFromCookie;
    private String sessionKey;
    private Map<String, Object> data;

    /** What the store answered when the data was loaded, for the panel. */
    private LoadOutcome loadOutcome = LoadOutcome.NONE;

    /** The view read or wrote the session. */
    boolean accessed;
    /** The view changed the session. */
    boolean modified;

    Session(SessionStore store, Settings settings, String keyFromCookie) {
        this.store = store;
        this.settings = settings;
        this.keyFromCookie = keyFromCookie;
        // Django ignores keys shorter than 8 characters: no store could hold them.
        this.sessionKey = keyFromCookie != null && keyFromCookie.length() >= 8 ? keyFromCookie : null;
    }

    /** The session of this request (set by SessionMiddleware), as a Django view reads request.session. */
    public static Session of(HttpServerExchange request) {
        return request.getAttachment(REQUEST_SESSION);
    }

    void attachTo(HttpServerExchange request) {
        request.putAttachment(REQUEST_SESSION, this);
    }

    // region:api
    /** The value stored under the key, or the default when there is none. */
    @SuppressWarnings("unchecked")
    public <T> T get(String key, T defaultValue) {
        return (T) data().getOrDefault(key, defaultValue);
    }

    /** Stores a value; the session will be saved at the end of the request. */
    public void put(String key, Object value) {
        data().put(key, value);
        modified = true;
    }
    // endregion:api

    /** The key the browser will be given, or null while the session exists only in this request. */
    public String getSessionKey() {
        return sessionKey;
    }

    /** A copy of the data, for showing it. */
    public Map<String, Object> items() {
        return new LinkedHashMap<>(data());
    }

    /** No key and no data: there is nothing to keep for this browser. */
    boolean isEmpty() {
        return sessionKey == null && (data == null || data.isEmpty());
    }

    /** The data is in memory (loaded, or made new): showing it costs nothing. */
    boolean loaded() {
        return data != null;
    }

    /** The browser sent a key that the store does not know: it was not adopted. */
    boolean keyFromCookieRejected() {
        return keyFromCookie != null && data != null && !keyFromCookie.equals(sessionKey);
    }

    /** What the store answered when the data was loaded (NONE until then). */
    LoadOutcome loadOutcome() {
        return loadOutcome;
    }

    // region:load
    /** The data, read from the store the first time it is needed. */
    private Map<String, Object> data() {
        accessed = true;
        if (data == null) {
            data = sessionKey == null ? null : store.load(sessionKey);
            loadOutcome = LoadOutcome.of(store, sessionKey, data);
            if (data == null) {
                // Unknown, expired or forged: never adopt a key the server did not make.
                sessionKey = null;
                data = new LinkedHashMap<>();
            }
        }
        return data;
    }
    // endregion:load

    // region:save
    /** Writes the data to the store, under a new key if the session has none yet. */
    void save() {
        if (sessionKey == null) {
            create();
        } else {
            store.save(sessionKey, data(), getExpiryDate(), false);
        }
    }

    private void create() {
        while (true) {
            sessionKey = newSessionKey();
            try {
                store.save(sessionKey, data(), getExpiryDate(), true);
                return;
            } catch (SessionStore.CreateError taken) {
                // Another request took this key between exists() and save(): draw again.
            }
        }
    }

    /** 32 characters from a-z0-9, from a cryptographically strong source, not in use yet. */
    private String newSessionKey() {
        String key;
        do {
            StringBuilder chars = new StringBuilder(32);
            for (int i = 0; i < 32; i++) {
                chars.append(VALID_KEY_CHARS.charAt(RANDOM.nextInt(VALID_KEY_CHARS.length())));
            }
            key = chars.toString();
        } while (store.exists(key));
        return key;
    }
    // endregion:save

    /** Seconds the session lives after its last save: SESSION_COOKIE_AGE. */
    public int getExpiryAge() {
        return settings.SESSION_COOKIE_AGE;
    }

    public Instant getExpiryDate() {
        return Instant.now().plusSeconds(getExpiryAge());
    }
}
