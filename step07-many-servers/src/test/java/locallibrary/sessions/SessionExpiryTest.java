package locallibrary.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import locallibrary.Settings;
import org.junit.jupiter.api.Test;

/** set_expiry and the three methods that read it, with Django's rules, and how the choice is stored. */
class SessionExpiryTest {

    private static final String KEY = "storedsessionkey0123456789abcdef";

    private final InMemorySessionStore store = new InMemorySessionStore();

    private Session session(Map<String, String> settings) {
        return new Session(store, Settings.load(settings), null);
    }

    @Test
    void withoutSetExpiryTheSettingsDecide() {
        Session session = session(Map.of("SESSION_COOKIE_AGE", "60"));
        assertEquals(60, session.getExpiryAge());
        assertAbout(Instant.now().plusSeconds(60), session.getExpiryDate());
        assertFalse(session.getExpireAtBrowserClose());
        assertTrue(session(Map.of("SESSION_EXPIRE_AT_BROWSER_CLOSE", "true")).getExpireAtBrowserClose());
    }

    @Test
    void secondsAreStoredAsANumberAndSlideFromEachSave() {
        Session session = session(Map.of());
        session.setExpiry(300);
        assertEquals(300, (int) session.get(Session.EXPIRY_KEY));
        assertTrue(session.isModified());
        assertEquals(300, session.getExpiryAge());
        assertAbout(Instant.now().plusSeconds(300), session.getExpiryDate());
        assertFalse(session.getExpireAtBrowserClose());
    }

    @Test
    void zeroMeansAtBrowserCloseWhileTheStoreKeepsTheCookieAge() {
        Session session = session(Map.of("SESSION_COOKIE_AGE", "60"));
        session.setExpiry(0);
        assertEquals(0, (int) session.get(Session.EXPIRY_KEY));
        assertTrue(session.getExpireAtBrowserClose());
        // get_expiry_age treats 0 as "not set": the stored session lives SESSION_COOKIE_AGE.
        assertEquals(60, session.getExpiryAge());
        assertAbout(Instant.now().plusSeconds(60), session.getExpiryDate());
    }

    @Test
    void zeroWinsOverTheSettingAndSecondsWinOverBrowserClose() {
        Session session = session(Map.of("SESSION_EXPIRE_AT_BROWSER_CLOSE", "true"));
        session.setExpiry(120);
        assertFalse(session.getExpireAtBrowserClose());
    }

    @Test
    void anInstantIsStoredAsIsoTextAndIsAFixedMoment() {
        Session session = session(Map.of());
        Instant moment = Instant.parse("2030-01-02T03:04:05.123456Z");
        session.setExpiry(moment);
        // Python's datetime.isoformat(): JSON has no date type, so newer Django stores the text.
        assertEquals("2030-01-02T03:04:05.123456+00:00", session.get(Session.EXPIRY_KEY));
        assertEquals(moment, session.getExpiryDate());
        assertAbout(moment.getEpochSecond() - Instant.now().getEpochSecond(), session.getExpiryAge());
        assertFalse(session.getExpireAtBrowserClose());
    }

    @Test
    void aDurationIsAMomentFromNow() {
        Session session = session(Map.of());
        session.setExpiry(Duration.ofMinutes(10));
        assertTrue(session.get(Session.EXPIRY_KEY) instanceof String);
        assertAbout(Instant.now().plusSeconds(600), session.getExpiryDate());
        assertAbout(600, session.getExpiryAge());
    }

    @Test
    void aMomentDjangoWroteIsRead() {
        Session session = session(Map.of());
        session.put(Session.EXPIRY_KEY, "2030-01-02T03:04:05+00:00");
        assertEquals(Instant.parse("2030-01-02T03:04:05Z"), session.getExpiryDate());
        session.put(Session.EXPIRY_KEY, "2030-01-02T03:04:05.5");
        assertEquals(Instant.parse("2030-01-02T03:04:05.5Z"), session.getExpiryDate());
    }

    @Test
    void aPassedMomentGivesANegativeAge() {
        Session session = session(Map.of());
        session.setExpiry(Instant.now().minusSeconds(100));
        assertAbout(-100, session.getExpiryAge());
    }

    @Test
    void noneRemovesTheChoiceAndChangesNothingWhenThereWasNone() {
        Session session = session(Map.of("SESSION_COOKIE_AGE", "60"));
        session.setExpiry(null);
        assertFalse(session.isModified());
        session.setExpiry(0);
        session.setExpiry(null);
        assertNull(session.get(Session.EXPIRY_KEY));
        assertEquals(60, session.getExpiryAge());
        assertFalse(session.getExpireAtBrowserClose());
    }

    @Test
    void anythingElseIsRefused() {
        Session session = session(Map.of());
        assertThrows(IllegalArgumentException.class, () -> session.setExpiry("tomorrow"));
    }

    @Test
    void aChoiceThatCannotBeReadIsNoChoiceAndTheSettingsDecide() {
        // What a forged signed cookie or a row edited by hand can hold; set_expiry never stores these.
        for (Object junk : List.of("not a date", true, List.of(1), Map.of("seconds", 60))) {
            Session session = session(Map.of("SESSION_COOKIE_AGE", "60", "SESSION_EXPIRE_AT_BROWSER_CLOSE", "true"));
            session.put(Session.EXPIRY_KEY, junk);
            assertEquals(60, session.getExpiryAge(), junk.toString());
            assertAbout(Instant.now().plusSeconds(60), session.getExpiryDate());
            assertTrue(session.getExpireAtBrowserClose(), junk.toString());
        }
    }

    @Test
    void theChoiceTravelsWithTheSessionThroughTheStore() {
        Session first = session(Map.of());
        first.setExpiry(90);
        first.save();
        Session next = new Session(store, Settings.load(), first.getSessionKey());
        assertEquals(90, next.getExpiryAge());
        // The choice is data of the session, stored with the rest.
        Map<String, Object> data = new LinkedHashMap<>(store.load(first.getSessionKey()));
        assertEquals(Map.of(Session.EXPIRY_KEY, 90), data);
    }

    @Test
    void theTestCookieIsAValueInTheSession() {
        store.save(KEY, new LinkedHashMap<>(), Instant.now().plusSeconds(60), true);
        Session session = new Session(store, Settings.load(), KEY);
        assertFalse(session.testCookieWorked());
        session.setTestCookie();
        assertEquals("worked", session.get(Session.TEST_COOKIE_NAME));
        assertTrue(session.testCookieWorked());
        session.deleteTestCookie();
        assertFalse(session.contains("testcookie"));
        assertThrows(KeyError.class, session::deleteTestCookie);
    }

    private static void assertAbout(Instant expected, Instant actual) {
        assertAbout(expected.getEpochSecond(), actual.getEpochSecond());
    }

    private static void assertAbout(long expected, long actual) {
        assertTrue(Math.abs(expected - actual) <= 5, "expected about " + expected + ", got " + actual);
    }
}
