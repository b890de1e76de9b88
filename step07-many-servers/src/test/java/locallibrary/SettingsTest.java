package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings have Django's names and defaults, and a bad value stops the start with a clear message. */
class SettingsTest {

    @Test
    void defaultsAreDjangos() {
        Settings settings = Settings.load();
        assertEquals("sessionid", settings.SESSION_COOKIE_NAME);
        assertEquals(1209600, settings.SESSION_COOKIE_AGE);
    }

    @Test
    void aValueCanBeOverridden() {
        assertEquals(60, Settings.load(Map.of("SESSION_COOKIE_AGE", "60")).SESSION_COOKIE_AGE);
    }

    @Test
    void aMalformedValueNamesTheSettingAndTheAcceptedForm() {
        ImproperlyConfigured error = assertThrows(ImproperlyConfigured.class,
                () -> Settings.load(Map.of("SESSION_COOKIE_AGE", "soon")));
        assertEquals("SESSION_COOKIE_AGE must be a whole number of seconds, 0 or more, like SESSION_COOKIE_AGE=1209600"
                + " (got 'soon')",
                error.getMessage());
    }

    @Test
    void everySettingHasDjangosDefault() {
        Settings settings = Settings.load();
        assertEquals(null, settings.SESSION_COOKIE_DOMAIN);
        assertEquals("/", settings.SESSION_COOKIE_PATH);
        assertEquals(true, settings.SESSION_COOKIE_HTTPONLY);
        assertEquals(false, settings.SESSION_COOKIE_SECURE);
        assertEquals("Lax", settings.SESSION_COOKIE_SAMESITE);
        assertEquals(false, settings.SESSION_EXPIRE_AT_BROWSER_CLOSE);
        assertEquals(false, settings.SESSION_SAVE_EVERY_REQUEST);
        assertEquals("db", settings.SESSION_ENGINE);
        assertEquals("django.contrib.sessions.serializers.JSONSerializer", settings.SESSION_SERIALIZER);
    }

    @Test
    void aBadValueOfAnySettingIsRefusedWithAMessageNamingIt() {
        Map<String, String> bad = Map.of(
                "SESSION_COOKIE_AGE", "-1",
                "SESSION_COOKIE_PATH", "library",
                "SESSION_COOKIE_HTTPONLY", "yes",
                "SESSION_COOKIE_SECURE", "1",
                "SESSION_COOKIE_SAMESITE", "sometimes",
                "SESSION_EXPIRE_AT_BROWSER_CLOSE", "maybe",
                "SESSION_SAVE_EVERY_REQUEST", "always",
                "SESSION_ENGINE", "redis",
                "SESSION_SERIALIZER", "django.contrib.sessions.serializers.PickleSerializer",
                "SECRET_KEY", "");
        bad.forEach((name, value) -> {
            ImproperlyConfigured error = assertThrows(ImproperlyConfigured.class,
                    () -> Settings.load(Map.of(name, value)),
                    name + "=" + value);
            assertTrue(error.getMessage().contains(name), error.getMessage());
        });
    }

    @Test
    void samesiteTakesDjangosThreeValuesOrOff() {
        // Written as given, as Django writes it: browsers ignore the case.
        assertEquals("strict", Settings.load(Map.of("SESSION_COOKIE_SAMESITE", "strict")).SESSION_COOKIE_SAMESITE);
        assertEquals("None", Settings.load(Map.of("SESSION_COOKIE_SAMESITE", "None")).SESSION_COOKIE_SAMESITE);
        assertEquals(null, Settings.load(Map.of("SESSION_COOKIE_SAMESITE", "off")).SESSION_COOKIE_SAMESITE);
    }

    @Test
    void onlyTheJsonSerializerIsAccepted() {
        ImproperlyConfigured error = assertThrows(ImproperlyConfigured.class,
                () -> Settings.load(Map.of("SESSION_SERIALIZER", "pickle")));
        assertEquals("SESSION_SERIALIZER must be django.contrib.sessions.serializers.JSONSerializer (or json): sessions"
                + " are stored as JSON (got 'pickle')", error.getMessage());
    }

    @Test
    void aSystemPropertyWins() {
        System.setProperty("SESSION_COOKIE_NAME", "libsession");
        try {
            assertEquals("libsession", Settings.load().SESSION_COOKIE_NAME);
        } finally {
            System.clearProperty("SESSION_COOKIE_NAME");
        }
    }
}
