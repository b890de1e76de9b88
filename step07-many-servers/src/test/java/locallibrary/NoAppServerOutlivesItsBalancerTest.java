package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The balancer as a learner runs it, a process of its own: however it ends, Ctrl-C or a kill, its app
 * servers end with it, and no Java process is left behind holding a port.
 */
class NoAppServerOutlivesItsBalancerTest {

    private static final Pattern STARTED = Pattern.compile("Started (server-\\d+) at http://\\S+ \\(pid (\\d+)\\)");
    private static final String END = "(the end of the output)";

    @TempDir
    Path folder;

    @Test
    void stoppingTheBalancerStopsItsAppServers() throws Exception {
        // SIGTERM runs the same shutdown hook as Ctrl-C.
        BalancerProcess balancer = BalancerProcess.start(folder.resolve("db.sqlite3"));
        balancer.process.destroy();
        assertTrue(balancer.process.waitFor(60, TimeUnit.SECONDS), "the balancer stopped");
        List<String> rest = balancer.restOfOutput();
        for (ProcessHandle server : balancer.appServers) {
            assertFalse(server.isAlive(), "pid " + server.pid() + " is stopped once the balancer has stopped");
        }
        // A stop is not a crash: nothing is reported as one.
        assertTrue(rest.stream().noneMatch(line -> line.contains("unexpectedly")), rest.toString());
    }

    @Test
    void aKilledBalancerTakesItsAppServersWithIt() throws Exception {
        BalancerProcess balancer = BalancerProcess.start(folder.resolve("db.sqlite3"));
        balancer.process.destroyForcibly(); // no shutdown hook runs: the app servers see their input end
        assertTrue(balancer.process.waitFor(60, TimeUnit.SECONDS));
        for (ProcessHandle server : balancer.appServers) {
            server.onExit().get(60, TimeUnit.SECONDS);
            assertFalse(server.isAlive());
        }
    }

    /** `java locallibrary.Main` on a free port and this database, read up to "Quit the server with CONTROL-C.". */
    private record BalancerProcess(Process process, List<ProcessHandle> appServers, BlockingQueue<String> output) {

        static BalancerProcess start(Path database) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Process process = new ProcessBuilder(java, "-cp", classPath, "-Dport=0",
                    "-DDATABASE_PATH=" + database, "locallibrary.Main")
                    .redirectErrorStream(true).start();
            BlockingQueue<String> output = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    lines.lines().forEach(output::add);
                } catch (IOException | RuntimeException e) {
                    // the process ended
                }
                output.add(END);
            }, "balancer-output");
            reader.setDaemon(true);
            reader.start();
            List<ProcessHandle> servers = new ArrayList<>();
            List<String> seen = new ArrayList<>();
            for (String line = output.poll(60, TimeUnit.SECONDS); ; line = output.poll(60, TimeUnit.SECONDS)) {
                if (line == null || line.equals(END)) {
                    process.destroyForcibly();
                    throw new AssertionError("the balancer stopped before its banner:\n" + String.join("\n", seen));
                }
                seen.add(line);
                Matcher started = STARTED.matcher(line);
                if (started.find()) {
                    servers.add(ProcessHandle.of(Long.parseLong(started.group(2))).orElseThrow());
                }
                if (line.contains("Quit the server with CONTROL-C.")) {
                    break; // from here on, Ctrl-C stops the app servers too
                }
            }
            assertEquals(2, servers.size(), String.join("\n", seen));
            return new BalancerProcess(process, servers, output);
        }

        List<String> restOfOutput() throws InterruptedException {
            List<String> rest = new ArrayList<>();
            for (String line = output.poll(60, TimeUnit.SECONDS); line != null && !line.equals(END);
                    line = output.poll(60, TimeUnit.SECONDS)) {
                rest.add(line);
            }
            return rest;
        }
    }
}
