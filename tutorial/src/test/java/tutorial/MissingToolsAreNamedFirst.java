package tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claim: on a machine without curl, sqlite3 or pkill, {@code mvn verify} stops in its first seconds with one line
 * naming the missing tool and its install command (see {@link CommandLineTools}), and the list of tools
 * it checks holds every program the chapters' quoted commands run.
 */
class MissingToolsAreNamedFirst {

    private static final Repo REPO = Repo.find();
    private static final String SQLITE3_MISSING = "The chapters' commands need sqlite3, not found on the PATH."
            + " Install it: sudo apt-get install sqlite3 (Debian/Ubuntu) or brew install sqlite (macOS).";

    @Test
    void everyProgramTheChaptersRunIsCheckedOrOnEveryMachine() {
        Set<String> unknown = new TreeSet<>();
        for (Chapter chapter : REPO.chapters()) {
            for (Chapter.Marker marker : chapter.markers("output")) {
                for (Transcript.Command command : Transcript.parse(marker.block().body())) {
                    if (command.startsTheServer() || command.managementArguments() != null) {
                        continue; // the tests start the step with java, not with Maven
                    }
                    for (String program : CommandLineTools.programs(command.text())) {
                        boolean known = CommandLineTools.EVERYWHERE.contains(program)
                                || CommandLineTools.TO_INSTALL.stream().anyMatch(tool -> tool.name().equals(program))
                                || Services.isOneOfItsPrograms(program);
                        if (!known) {
                            unknown.add(program + " (" + chapter.at(marker.line()) + ")");
                        }
                    }
                }
            }
        }
        assertEquals(Set.of(), unknown, "add these to CommandLineTools.TO_INSTALL, with their install commands");
    }

    @Test
    void theProgramsOfACommandLineAreTheFirstWordOfEachPart() {
        assertEquals(List.of("curl", "grep"), List.copyOf(CommandLineTools.programs(
                "curl -s http://127.0.0.1:8000/ | grep -E 'requested|cookie-received'")));
        assertEquals(List.of("echo", "base64"), List.copyOf(CommandLineTools.programs(
                "echo 'eyJudW1fdmlzaXRzIjoyfQ==' | base64 -d; echo")));
        assertEquals(List.of("curl", "grep"), List.copyOf(CommandLineTools.programs(
                "curl -s -b \"$(grep -o 'id=[a-z0-9]*' headers.txt)\" http://127.0.0.1:8000/ | grep \"Set-Cookie\"")));
        assertEquals(List.of("sqlite3"), List.copyOf(CommandLineTools.programs(
                "sqlite3 step03-db-sessions/db.sqlite3 'select * from django_session'")));
        assertEquals(List.of("seq", "curl"), List.copyOf(CommandLineTools.programs(
                "for i in $(seq 10); do curl -s -w ' (%header{x-served-by})\\n' http://127.0.0.1:8000/visit; done")));
    }

    @Test
    void aMissingToolIsNamedWithItsInstallCommand(@TempDir Path bin) throws IOException {
        executable(bin.resolve("curl"));
        assertEquals(List.of(), CommandLineTools.missingFor(List.of("curl -s http://127.0.0.1:8000/"), bin.toString()));
        List<CommandLineTools.Tool> missing = CommandLineTools.missingFor(
                List.of("curl -s http://127.0.0.1:8000/", "sqlite3 db.sqlite3 'select 1'"), bin.toString());
        assertEquals(SQLITE3_MISSING, CommandLineTools.message(missing));
    }

    @Test
    void theBuildsFirstCheckFailsWithOneLineWhenSqlite3IsMissing(@TempDir Path bin) throws Exception {
        executable(bin.resolve("curl"));
        executable(bin.resolve("pkill"));
        // As the root pom runs it, but with a PATH that has curl and pkill and nothing else.
        ProcessBuilder check = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "tutorial/src/test/java/tutorial/CommandLineTools.java").directory(REPO.root.toFile());
        check.environment().put("PATH", bin.toString());
        Process process = check.redirectErrorStream(true).start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the check ends");
        assertEquals(1, process.exitValue(), printed);
        assertEquals(SQLITE3_MISSING + "\n", printed);
    }

    /** An empty executable file: enough for a PATH lookup. */
    private static void executable(Path file) throws IOException {
        Files.createFile(file);
        assertTrue(file.toFile().setExecutable(true));
    }
}
