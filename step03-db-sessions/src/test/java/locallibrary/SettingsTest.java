package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    void aSystemPropertyWins() {
        System.setProperty("SESSION_COOKIE_NAME", "libsession");
        try {
            assertEquals("libsession", Settings.load().SESSION_COOKIE_NAME);
        } finally {
            System.clearProperty("SESSION_COOKIE_NAME");
        }
    }
}
