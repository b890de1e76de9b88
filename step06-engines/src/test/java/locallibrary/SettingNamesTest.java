package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A -D property that looks like a setting but is not one of this step's is a typo, or belongs to a later
 * step: the start stops with one line that says which setting was meant. Java's and Maven's own
 * properties, and the environment, are left alone.
 */
class SettingNamesTest {

    /** The settings as a start with these -D properties would read them. */
    static Settings loadWith(String... namesAndValues) {
        Properties system = new Properties();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            system.setProperty(namesAndValues[i], namesAndValues[i + 1]);
        }
        return Settings.load(Map.of(), system);
    }

    static String refusal(String... namesAndValues) {
        return assertThrows(ImproperlyConfigured.class, () -> loadWith(namesAndValues)).getMessage();
    }

    @Test
    void javasAndMavensOwnPropertiesAreLeftAlone() {
        loadWith("user.dir", "/tmp", "maven.home", "/opt/maven", "port", "0", "tutorial.update", "true",
                "exec.args", "clearsessions", "file.encoding", "UTF-8");
        Settings.load(Map.of(), System.getProperties());
    }

    @Test
    void aMistypedNameNamesTheClosestSetting() {
        assertEquals("-DSESSION_COOKIE_AGEE is not a setting of this step: did you mean SESSION_COOKIE_AGE?",
                refusal("SESSION_COOKIE_AGEE", "60"));
        assertEquals("-Dsession_cookie_name is not a setting of this step: did you mean SESSION_COOKIE_NAME?",
                refusal("session_cookie_name", "x"));
    }

    @Test
    void aMistypedPrefixIsCaughtToo() {
        assertEquals("-DSESION_ENGINE is not a setting of this step: did you mean SESSION_ENGINE?",
                refusal("SESION_ENGINE", "file"));
        assertEquals("-DSESSION_COOKIE_SAMESIT is not a setting of this step: did you mean SESSION_COOKIE_SAMESITE?",
                refusal("SESSION_COOKIE_SAMESIT", "Strict"));
    }

    @Test
    void djangosDictSettingsOfALaterStepNameThatStep() {
        assertEquals("-DDATABASES.default.ENGINE is not a setting of this step: it arrives in step07-many-servers",
                refusal("DATABASES.default.ENGINE", "django.db.backends.postgresql"));
        assertEquals("-DCACHES.default.LOCATION is not a setting of this step: it arrives in step07-many-servers",
                refusal("CACHES.default.LOCATION", "redis://127.0.0.1:6380/0"));
    }

    @Test
    void theBannerComparesValuesAsTheyAreRead() {
        // TRUE is true and lax is Lax: Django's defaults, whatever their spelling, are no change.
        assertEquals(java.util.List.of(), loadWith("SESSION_COOKIE_HTTPONLY", "TRUE", "SESSION_COOKIE_SAMESITE", "lax",
                "SESSION_ENGINE", "django.contrib.sessions.backends.db", "SESSION_COOKIE_AGE", "01209600")
                .changedFromDjangosDefaults());
        assertEquals(java.util.List.of("SESSION_COOKIE_SECURE=true", "SESSION_COOKIE_SAMESITE=STRICT"),
                loadWith("SESSION_COOKIE_SECURE", "True", "SESSION_COOKIE_SAMESITE", "STRICT")
                        .changedFromDjangosDefaults());
    }

    @Test
    void aCookieNameMustBeAnRfc6265Token() {
        String rule = "SESSION_COOKIE_NAME must be a cookie name: letters, digits and !#$%&'*+-.^_`|~, at least one";
        assertEquals(rule + " (got '')", refusal("SESSION_COOKIE_NAME", ""));
        assertEquals(rule + " (got 'a b')", refusal("SESSION_COOKIE_NAME", "a b"));
        assertEquals(rule + " (got 'a=b')", refusal("SESSION_COOKIE_NAME", "a=b"));
        assertEquals(rule + " (got 'café')", refusal("SESSION_COOKIE_NAME", "café"));
        assertEquals("lib.session-id_2", loadWith("SESSION_COOKIE_NAME", "lib.session-id_2").SESSION_COOKIE_NAME);
    }

    @Test
    void aCookieAgeOfZeroIsAcceptedAsDjangoAcceptsIt() {
        assertEquals(0, loadWith("SESSION_COOKIE_AGE", "0").SESSION_COOKIE_AGE);
        assertEquals("SESSION_COOKIE_AGE must be a whole number of seconds, 0 or more, like SESSION_COOKIE_AGE=1209600"
                + " (got '-1')", refusal("SESSION_COOKIE_AGE", "-1"));
    }
}
