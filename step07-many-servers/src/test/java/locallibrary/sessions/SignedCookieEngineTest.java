package locallibrary.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** SESSION_ENGINE=signed_cookies: the shared contract, and a store that stores nothing: the data is the cookie. */
class SignedCookieEngineTest extends SessionStoreContract {

    @Override
    SessionStore newStore(TestClock clock, int cookieAge) {
        return new SignedCookieSessionStore(SECRET, "sessionid", cookieAge, clock);
    }

    @Override
    boolean keepsSessionsOnTheServer() {
        return false;
    }

    @Override
    boolean keepsTheExpiryDateItIsGiven() {
        return false;
    }

    @Test
    void anyoneCanReadTheDataBecauseSigningIsNotEncryption() {
        String value = saveNew(Map.of("num_visits", 1));
        String payload = value.split(":")[0];
        assertEquals("{\"num_visits\":1}", new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }

    @Test
    void theValueIsSignedWithItsOwnSaltAndDjangosSigning() throws Exception {
        String value = saveNew(carData());
        assertEquals(carData(), Signing.loads(value, SECRET, "django.contrib.sessions.backends.signed_cookies", null));
        // A session_data value (the other salt) is no use as a cookie, though SECRET_KEY signed both.
        assertNull(loadOrNull(new SignedSessionData(SECRET).encode(carData())));
    }

    @Test
    void aChangedValueLoadsNothing() {
        String value = saveNew(Map.of("num_visits", 1));
        String forgedPayload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"num_visits\":99}".getBytes(StandardCharsets.UTF_8));
        // Django's engine calls create() for a value it cannot load: a new session, sent back at once.
        assertThrows(SessionStore.StartNewSession.class,
                () -> store.load(forgedPayload + value.substring(value.indexOf(':'))));
        assertThrows(SessionStore.StartNewSession.class,
                () -> new SignedCookieSessionStore("another-secret-key", "sessionid", AGE).load(value));
    }

    @Test
    void dataInTheFormatOfDjangoBefore31IsNoCookie() {
        // Django's signed_cookies engine calls signing.loads alone: only the other engines read pre-3.1 data.
        String json = "{\"num_visits\":5}";
        String hash = Signing.saltedHmacSha1("django.contrib.sessionsSessionStore",
                json.getBytes(StandardCharsets.US_ASCII), SECRET);
        String legacy = Base64.getEncoder().encodeToString((hash + ":" + json).getBytes(StandardCharsets.US_ASCII));
        assertEquals(Map.of("num_visits", 5), new SignedSessionData(SECRET).decode(legacy));
        assertThrows(SessionStore.StartNewSession.class, () -> store.load(legacy));
    }

    @Test
    void aValueSignedLongerAgoThanTheCookieAgeLoadsNothing() {
        long now = clock.instant().getEpochSecond();
        assertEquals(Map.of("n", 1), store.load(SignedCookieValues.signedAt(Map.of("n", 1), SECRET, now - AGE + 60)));
        assertNull(loadOrNull(SignedCookieValues.signedAt(Map.of("n", 1), SECRET, now - AGE - 1)));
    }

    @Test
    void everySaveGivesANewValueAndNothingIsKept() {
        String first = saveNew(Map.of("n", 1));
        String second = store.save(first, Map.of("n", 2), clock.instant().plusSeconds(AGE), false);
        assertNotEquals(first, second);
        assertFalse(store.exists(first));
        assertFalse(store.exists(second));
        assertEquals(0, store.clearExpired());
    }

    @Test
    void aCopiedCookieCannotBeRevokedByTheServer() {
        String value = saveNew(Map.of("user", "alice"));
        // flush() deletes the session: the browser is told to drop its cookie, the server has nothing to delete...
        store.delete(value);
        // ...so a copy of the cookie still works until its age runs out.
        assertEquals(Map.of("user", "alice"), store.load(value));
    }

    @Test
    void thePanelSaysThereIsNoServerSideStorage() {
        Map<String, String> row = store.storedRow(saveNew(Map.of("num_visits", 1)));
        assertTrue(row.get("server-side storage").startsWith("none: the data travels in the cookie"), row.toString());
        assertTrue(row.get("cookie value decoded").startsWith("{\"num_visits\":1} (signature valid"), row.toString());
    }

    @Test
    void aCookieOverTheBrowsersLimitIsSentWithAWarning() {
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            public void publish(LogRecord record) {
                warnings.add(record);
            }

            public void flush() {
            }

            public void close() {
            }
        };
        Logger logger = Logger.getLogger(SignedCookieSessionStore.class.getName());
        logger.addHandler(handler);
        try {
            saveNew(Map.of("notes", letters(2000)));
            assertEquals(List.of(), warnings);
            // Random letters compress only to about 5 bits each: 6000 of them make a value of about 5 KB in base64.
            String value = saveNew(Map.of("notes", letters(6000)));
            assertTrue(value.length() > 4093, value.length() + " characters");
            assertEquals(1, warnings.size());
            assertTrue(warnings.get(0).getMessage().contains("browsers refuse cookies over about 4093 bytes"));
            assertTrue(store.storedRow(value).get("cookie size").contains("TOO LARGE"));
            // Django sends it anyway, and so do we: the value is still a valid session.
            assertEquals(letters(6000), store.load(value).get("notes"));
        } finally {
            logger.removeHandler(handler);
        }
    }

    private static String letters(int count) {
        return new Random(42).ints(count, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
