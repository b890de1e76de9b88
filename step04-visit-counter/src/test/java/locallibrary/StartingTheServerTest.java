package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
            assertEquals("-Dport must be a number from 0 to 65535, like -Dport=8001 (got 'eighty')",
                    error.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty("port");
            } else {
                System.setProperty("port", before);
            }
        }
    }
}
