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
    void aSettingOfALaterStepNamesThatStep() {
        assertEquals("-DSESSION_COOKIE_AGE is not a setting of this step: it arrives in step02-cookie-id",
                refusal("SESSION_COOKIE_AGE", "60"));
        assertEquals("-DSESSION_ENGINE is not a setting of this step: it arrives in step06-engines",
                refusal("SESSION_ENGINE", "file"));
    }

    @Test
    void aMistypedNameNamesTheClosestSettingAndItsStep() {
        assertEquals("-DSESSION_COOKIE_AGEE is not a setting of this step: did you mean SESSION_COOKIE_AGE"
                + " (a setting of step02-cookie-id)?", refusal("SESSION_COOKIE_AGEE", "60"));
    }
}
