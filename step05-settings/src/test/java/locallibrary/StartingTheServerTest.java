package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a learner meets when the server cannot start: one clear line saying what to do. */
class StartingTheServerTest {

    @Test
    void aPortInUseNamesTheFix() {
        try (TestServer first = TestServer.start()) {
            int taken = Integer.parseInt(first.url("").replaceAll(".*:", ""));
            Main.PortInUse error = assertThrows(Main.PortInUse.class, () -> Main.start(Settings.load(), taken));
            assertEquals("That port is already in use. Stop the other server, or start on another port: -Dport="
                    + (taken + 1), error.getMessage());
        }
    }

    @Test
    void aPortThatIsNotANumberIsRefused() {
        String before = System.getProperty("port");
        System.setProperty("port", "eighty");
        try {
            ImproperlyConfigured error = assertThrows(ImproperlyConfigured.class, Settings::port);
            assertEquals("-Dport must be a number from 0 to 65535, like -Dport=8001 (got 'eighty')", error.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty("port");
            } else {
                System.setProperty("port", before);
            }
        }
    }

    @Test
    void aMistypedSettingStopsTheStartWithOneLineNamingTheSetting() throws Exception {
        assertEquals(List.of("Error: -DSESSION_COOKIE_AGEE is not a setting of this step:"
                + " did you mean SESSION_COOKIE_AGE?"),
                startWith("-DSESSION_COOKIE_AGEE=60"));
    }

    @Test
    void aCookieNameThatIsNoTokenStopsTheStartWithOneLine() throws Exception {
        String rule = "Error: SESSION_COOKIE_NAME must be a cookie name: letters, digits and !#$%&'*+-.^_`|~,"
                + " at least one";
        assertEquals(List.of(rule + " (got '')"), startWith("-DSESSION_COOKIE_NAME="));
        assertEquals(List.of(rule + " (got 'a b')"), startWith("-DSESSION_COOKIE_NAME=a b"));
    }

    /** Starts Main in a JVM of its own, as exec:java would; it must exit with 1. What it printed on stderr. */
    private static List<String> startWith(String property) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), property,
                "-Dport=0", "locallibrary.Main").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, process.waitFor(), stderr);
        return stderr.lines().toList();
    }
}
