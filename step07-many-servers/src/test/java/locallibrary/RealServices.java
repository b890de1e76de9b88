package locallibrary;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * What the PostgreSQL and Redis fixtures share: finding the Debian binaries, a free port, and the rule for a
 * machine without them: a local run skips the tests that need them and says why; under CI (the environment
 * variable CI is set, as .ci/run sets it) they fail instead, so that a CI run never passes by skipping.
 */
final class RealServices {

    private RealServices() {
    }

    /** Skips (locally) or fails (under CI) when the program is missing, naming the package to install. */
    static void require(boolean present, String what, String debianPackage) {
        String reason = what + " is not installed: apt-get install -y " + debianPackage;
        if (!present && System.getenv("CI") != null) {
            fail(reason + " (CI is set: these tests must run, not be skipped)");
        }
        Assumptions.assumeTrue(present, reason);
    }

    /** A port nobody listens on right now. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether we run as root: PostgreSQL refuses to, so it then runs as the postgres user. */
    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Runs a command to its end; its output is returned, and becomes the failure's message if it fails. */
    static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A fresh temporary folder. */
    static Path temporaryFolder(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
