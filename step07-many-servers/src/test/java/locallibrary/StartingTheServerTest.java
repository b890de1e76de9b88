package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a learner meets when the server cannot start: one clear line saying what to do. */
class StartingTheServerTest {

    private static final Pattern ADVICE = Pattern.compile(
            "That port is already in use\\. Stop the other server, or start on another port: -Dport=(\\d+)(.*)");

    @Test
    void aPortInUseNamesTheFix() throws IOException {
        try (TestServer first = TestServer.start()) {
            int taken = portOf(first);
            Main.PortInUse error = assertThrows(Main.PortInUse.class, () -> Main.start(Settings.load(), taken));
            int suggested = suggestedPort(error.getMessage());
            assertNotEquals(taken, suggested, error.getMessage());
            assertTrue(isFree(suggested), "the suggested port is free: " + error.getMessage());
        }
    }

    @Test
    void theSuggestedPortIsFreeEvenWhenTheNextOneIsTaken() throws IOException {
        ServerSocket next = new ServerSocket();
        try (TestServer first = TestServer.start(); next) {
            int taken = portOf(first);
            try {
                next.bind(new InetSocketAddress(Main.HOST, taken + 1));
            } catch (BindException alreadyTaken) {
                // another program holds it: just as taken
            }
            Main.PortInUse error = assertThrows(Main.PortInUse.class, () -> Main.start(Settings.load(), taken));
            int suggested = suggestedPort(error.getMessage());
            assertNotEquals(taken, suggested, error.getMessage());
            assertNotEquals(taken + 1, suggested, error.getMessage());
            assertTrue(isFree(suggested), "the suggested port is free: " + error.getMessage());
        }
    }

    @Test
    void whenNoNearbyPortIsFreeTheAdviceIsPortZero() {
        // Port 65535 has no port after it to suggest.
        assertEquals("0 (any free port)", Main.PortInUse.freePortAfter(65535));
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

    private static int portOf(TestServer server) {
        return Integer.parseInt(server.url("").replaceAll(".*:", ""));
    }

    /** The port in the message's "-Dport=N"; 0 stands for "any free port". */
    private static int suggestedPort(String message) {
        Matcher m = ADVICE.matcher(message);
        assertTrue(m.matches(), message);
        int port = Integer.parseInt(m.group(1));
        assertEquals(port == 0 ? " (any free port)" : "", m.group(2), message);
        return port;
    }

    /** Port 0 always is: the system picks a free one. */
    private static boolean isFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(Main.HOST, port));
            return true;
        } catch (IOException taken) {
            return false;
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
