package locallibrary.sessions;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import locallibrary.Settings;

/**
 * One browser's session, for the length of one request: Django's {@code request.session}, a
 * dictionary-like object with Django's method names. It reads the stored data on first use, and
 * remembers whether the view read it ({@link #accessed}) or changed one of its keys ({@link #modified}):
 * {@link SessionMiddleware} decides from those what to send back.
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
    // What the store said about the cookie's key, for the panel; both stay false until the data is loaded.
    private boolean keyFromCookieKnown;
    private boolean keyFromCookieRejected;

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
    /** {@code request.session.get(key)}: the value stored under the key, or null when there is none. */
    public <T> T get(String key) {
        return get(key, null);
    }

    /** {@code request.session.get(key, default)}: the value stored under the key, or the default. */
    @SuppressWarnings("unchecked")
    public <T> T get(String key, T defaultValue) {
        return (T) data().getOrDefault(key, defaultValue);
    }

    /**
     * {@code request.session.get(key, default)} for a view that computes with the value, so needs one type.
     * Any value can be stored under a key (the playground stores text), and a value of another type would
     * fail later, as a ClassCastException and a 500; here it is a {@link TypeError}: a 400 that says why.
     */
    @SuppressWarnings("unchecked")
    public <T> T get(String key, T defaultValue, Class<?> type) {
        Object value = get(key, defaultValue);
        if (contains(key) && !type.isInstance(value)) {
            throw new TypeError(key, value, type);
        }
        return (T) value;
    }

    /** {@code request.session[key] = value}: stores a value; the session will be saved at the end of the request. */
    public void put(String key, Object value) {
        data().put(key, value);
        modified = true;
    }

    // region:delete-pop-setdefault
    /** {@code del request.session[key]}: removes the key, or throws {@link KeyError} if it is not there. */
    public void delete(String key) {
        if (!data().containsKey(key)) {
            throw new KeyError(key);
        }
        data().remove(key);
        modified = true;
    }

    /** {@code key in request.session}. */
    public boolean contains(String key) {
        return data().containsKey(key);
    }

    /** {@code request.session.pop(key)}: removes the key and returns its value; {@link KeyError} if it is not there. */
    public <T> T pop(String key) {
        if (!data().containsKey(key)) {
            throw new KeyError(key);
        }
        return pop(key, null);
    }

    /** {@code request.session.pop(key, default)}: an absent key gives the default and changes nothing. */
    @SuppressWarnings("unchecked")
    public <T> T pop(String key, T defaultValue) {
        if (!data().containsKey(key)) {
            return defaultValue;
        }
        modified = true;
        return (T) data().remove(key);
    }

    /** {@code request.session.setdefault(key, value)}: the stored value; stores this one only if there is none. */
    @SuppressWarnings("unchecked")
    public <T> T setdefault(String key, T value) {
        if (data().containsKey(key)) {
            return (T) data().get(key);
        }
        put(key, value);
        return value;
    }
    // endregion:delete-pop-setdefault

    /** {@code request.session.update(values)}: stores every value; modified even when nothing differs. */
    public void update(Map<String, ?> values) {
        data().putAll(values);
        modified = true;
    }

    /** The keys, as a copy: a change must go through put or delete, or it would not count as one. */
    public Set<String> keys() {
        return new LinkedHashSet<>(data().keySet());
    }

    public Collection<Object> values() {
        return new ArrayList<>(data().values());
    }

    /** A copy of the data, key by key. */
    public Map<String, Object> items() {
        return new LinkedHashMap<>(data());
    }

    // region:clear-flush-cycle-key
    /**
     * {@code request.session.clear()}: no data, but the same key, so the empty session is saved and the
     * cookie kept. Like Django it does not load the old data first: it would only be thrown away.
     */
    public void clear() {
        data = new LinkedHashMap<>();
        accessed = true;
        modified = true;
    }

    /** No key and no data: there is nothing to keep for this browser (Django's is_empty). */
    public boolean isEmpty() {
        return sessionKey == null && (data == null || data.isEmpty());
    }

    /** {@code request.session.flush()}: the data, the stored session and the key go; the cookie will be deleted. */
    public void flush() {
        clear();
        if (sessionKey != null) {
            store.delete(sessionKey);
        }
        sessionKey = null;
    }

    /**
     * {@code request.session.cycle_key()}: the same data under a new key, saved at once, and the old
     * stored session deleted. Django calls it at login: a key someone learnt before is worth nothing after.
     */
    public void cycleKey() {
        data();
        String oldKey = sessionKey;
        create();
        modified = true;
        if (oldKey != null) {
            store.delete(oldKey);
        }
    }
    // endregion:clear-flush-cycle-key

    // region:set-modified
    /**
     * {@code request.session.modified = True}: a view that changed something INSIDE a stored value (a
     * map it got with get) must say so, because only put, delete and the like count as a change.
     */
    public void setModified(boolean modified) {
        this.modified = modified;
    }
    // endregion:set-modified

    /** {@code request.session.modified}: will the middleware save the session (SESSION_SAVE_EVERY_REQUEST aside)? */
    public boolean isModified() {
        return modified;
    }
    // endregion:api

    /** A value as the JSON that is stored: pages show session data in this one notation, as the panel does. */
    public static String toJson(Object value) {
        return SessionSerializer.json(value);
    }

    /** The key the browser will be given, or null while the session exists only in this request. */
    public String getSessionKey() {
        return sessionKey;
    }

    /** The browser sent a key that the store does not know: it was not adopted. */
    boolean keyFromCookieRejected() {
        return keyFromCookieRejected;
    }

    /** The data is in memory (loaded, or made new): showing it costs nothing. */
    boolean loaded() {
        return data != null;
    }

    /** The browser sent a key, and the store had a session under it. */
    boolean keyFromCookieKnown() {
        return keyFromCookieKnown;
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
            try {
                data = sessionKey == null ? null : store.load(sessionKey);
                loadOutcome = LoadOutcome.of(store, sessionKey, data);
            } catch (SessionStore.StartNewSession expiredOrBad) {
                loadOutcome = expiredOrBad.outcome;
                // Django's file and signed_cookies engines: create() at once, so the browser gets a fresh cookie.
                keyFromCookieRejected = true;
                sessionKey = null;
                data = new LinkedHashMap<>();
                create();
                modified = true;
                return data;
            }
            keyFromCookieKnown = data != null;
            if (data == null) {
                // Unknown, expired or forged: never adopt a key the server did not make.
                keyFromCookieRejected = keyFromCookie != null;
                sessionKey = null;
                data = new LinkedHashMap<>();
            }
        }
        return data;
    }
    // endregion:load

    // region:save
    /**
     * Writes the data to the store, under a new key if the session has none yet. The store answers with
     * the key the browser is to carry: the same one, except with signed cookies, where the signed data is
     * the cookie's value and so changes with every save.
     */
    void save() {
        if (sessionKey == null) {
            create();
        } else {
            sessionKey = store.save(sessionKey, data(), getExpiryDate(), false);
        }
    }

    private void create() {
        Map<String, Object> data = data();
        while (true) {
            try {
                sessionKey = store.save(newSessionKey(), data, getExpiryDate(), true);
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

    // region:test-cookie
    /** The key and value of Django's test cookie: kept in the session, so it comes back only if the cookie does. */
    public static final String TEST_COOKIE_NAME = "testcookie";
    public static final String TEST_COOKIE_VALUE = "worked";

    /**
     * {@code request.session.set_test_cookie()}: a value that the next request finds only if the browser
     * keeps cookies.
     */
    public void setTestCookie() {
        put(TEST_COOKIE_NAME, TEST_COOKIE_VALUE);
    }

    /** {@code request.session.test_cookie_worked()}: the value came back, so the browser sent the session cookie. */
    public boolean testCookieWorked() {
        return TEST_COOKIE_VALUE.equals(get(TEST_COOKIE_NAME));
    }

    /** {@code request.session.delete_test_cookie()}: tidies up; {@link KeyError} if it is not there, as in Django. */
    public void deleteTestCookie() {
        delete(TEST_COOKIE_NAME);
    }
    // endregion:test-cookie

    // region:expiry
    /** Where set_expiry keeps its choice: in the session data itself, as Django does. */
    public static final String EXPIRY_KEY = "_session_expiry";
    // endregion:expiry
    /** Python's datetime.isoformat() of an aware UTC time: 2026-12-08T01:06:59.123456+00:00. */
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    // region:expiry
    /**
     * {@code request.session.set_expiry(value)}: a whole number is seconds of inactivity (0: when the
     * browser closes); an Instant, or a Duration from now, is a fixed moment, stored as ISO-8601 text
     * because JSON has no date type; null removes the choice, so the settings decide again.
     */
    public void setExpiry(Object value) {
        if (value == null) {
            pop(EXPIRY_KEY, null);
            return;
        }
        if (value instanceof Duration fromNow) {
            value = Instant.now().plus(fromNow);
        }
        if (value instanceof Instant instant) {
            value = ISO.format(instant);
        } else if (!(value instanceof Integer)) {
            throw new IllegalArgumentException(
                    "set_expiry takes seconds (an int), an Instant, a Duration or null, not " + value);
        }
        put(EXPIRY_KEY, value);
    }

    /** {@code get_expiry_age()}: seconds until the session expires. Unset, 0 or unreadable: SESSION_COOKIE_AGE. */
    public int getExpiryAge() {
        Object expiry = readExpiry(get(EXPIRY_KEY));
        if (expiry instanceof Instant moment) {
            // A fixed moment: what is left of it (negative once it has passed), rounded down as Django does.
            return (int) Duration.between(Instant.now(), moment).getSeconds();
        }
        if (expiry instanceof Integer seconds && seconds != 0) {
            return seconds;
        }
        return settings.SESSION_COOKIE_AGE;
    }

    // endregion:expiry

    /**
     * {@code get_expiry_date()}: the fixed moment, or now plus the expiry age. The stores keep the session
     * until then.
     */
    public Instant getExpiryDate() {
        Object expiry = readExpiry(get(EXPIRY_KEY));
        if (expiry instanceof Instant moment) {
            return moment;
        }
        return Instant.now().plusSeconds(getExpiryAge());
    }

    // region:expiry
    /**
     * {@code get_expire_at_browser_close()}: the setting, unless set_expiry chose; then only set_expiry(0)
     * says yes.
     */
    public boolean getExpireAtBrowserClose() {
        Object expiry = readExpiry(get(EXPIRY_KEY));
        if (expiry == null) {
            return settings.SESSION_EXPIRE_AT_BROWSER_CLOSE;
        }
        return expiry.equals(0);
    }

    // endregion:expiry

    /**
     * set_expiry's choice as stored: whole seconds (an Integer) or a fixed moment (an Instant); null when there
     * is none. The data may come from anyone (a forged signed cookie, a row edited by hand), so anything else,
     * true, [1] or "not a date", is no choice either: the settings decide, rather than a 500 on every page.
     */
    static Object readExpiry(Object stored) {
        if (stored instanceof Number seconds) {
            return seconds.intValue();
        }
        if (stored instanceof String moment) {
            try {
                return parseInstant(moment);
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
        return null;
    }

    /** ISO-8601 text as Python writes it; a time without an offset is taken as UTC. */
    private static Instant parseInstant(Object text) {
        try {
            return OffsetDateTime.parse(text.toString()).toInstant();
        } catch (DateTimeParseException noOffset) {
            return LocalDateTime.parse(text.toString()).toInstant(ZoneOffset.UTC);
        }
    }
}
