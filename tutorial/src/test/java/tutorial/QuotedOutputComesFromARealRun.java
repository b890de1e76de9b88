package tutorial;

import static tutorial.Item.item;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Claim: every console block a chapter marks with {@code <!-- output: stepNN-x [-DNAME=value ...] -->}
 * is what that step really prints.
 *
 * <p>For each such block the test starts the step's server on a free port in a fresh temporary folder
 * (with a fresh database), runs the block's {@code $ } commands with bash in that folder, then stops the
 * server. A {@code $ mvn ... exec:java} command is not run: the lines quoted below it must appear, in
 * that order, in what the server printed. A management command, {@code $ mvn ... exec:java
 * -Dexec.args="clearsessions"}, runs the step's Main with those arguments on the same database. Both sides are normalised first (see {@link Normalise}).
 *
 * <p>Check: {@code mvn -q verify} at the root (the tutorial's tests run after every step is built).
 * Update: {@code mvn -q verify -Dtutorial.update=true} rewrites, instead of failing, every block that
 * does not match with a real run's output (un-normalised, the port put back to 8000); blocks that
 * still match are left alone. Review the change with git diff.
 */
class QuotedOutputComesFromARealRun {

    private static final Pattern PL = Pattern.compile("(?:^|\\s)-pl\\s+(\\S+)");
    private static final Pattern SETTING = Pattern.compile("-D[A-Z][A-Z0-9_]*=\\S*");
    private static final long COMMAND_SECONDS = 60;

    @TestFactory
    Stream<DynamicTest> everyQuotedRunIsReal() {
        Repo repo = Repo.find();
        return tests(repo, repo.chapters(), Boolean.getBoolean("tutorial.update"));
    }

    static Stream<DynamicTest> tests(Repo repo, List<Chapter> chapters, boolean update) {
        return chapters.stream().flatMap(chapter -> chapter.markers("output").stream()
                .map(marker -> item(chapter.at(marker.line()) + " output of " + marker.argument(),
                        () -> check(repo, chapter, marker, update))));
    }

    static void check(Repo repo, Chapter chapter, Chapter.Marker marker, boolean update) throws Exception {
        if (marker.block() == null) {
            throw new AssertionError("<!-- output: ... --> must be followed, on the very next line, by a ```console block");
        }
        List<String> words = List.of(marker.argument().split("\\s+"));
        String step = words.get(0);
        if (!Files.isDirectory(repo.resolve(step))) {
            throw new AssertionError("there is no step folder " + step);
        }
        List<String> settings = words.subList(1, words.size());
        for (String setting : settings) {
            if (!setting.startsWith("-D")) {
                throw new AssertionError("after the step name only -DNAME=value settings may follow, not " + setting);
            }
        }
        List<Transcript.Command> commands = Transcript.parse(marker.block().body());
        List<CommandLineTools.Tool> missing = CommandLineTools.missingFor(
                commands.stream().map(Transcript.Command::text).toList(), System.getenv("PATH"));
        if (!missing.isEmpty()) {
            throw new AssertionError(CommandLineTools.message(missing)); // rather than a mismatch that names nothing
        }
        for (Transcript.Command command : commands) {
            if (command.startsTheServer() || command.managementArguments() != null) {
                agreesWithTheComment(command.text(), step, settings);
            }
        }

        Outputs outputs = run(repo, step, settings, commands);
        List<String> quoted = Transcript.join(commands, commands.stream().map(Transcript.Command::output).toList());
        List<String> expected = Normalise.transcript(quoted);
        List<String> actual = Normalise.transcript(Transcript.join(commands, outputs.compared()));
        if (expected.equals(actual)) {
            return; // also when updating: a block that is still true keeps its dates and lengths, so git diff stays quiet
        }
        if (update) {
            Chapter.rewriteBlock(chapter.file, marker.block().index(), Transcript.join(commands, outputs.fresh()));
            return;
        }
        throw new AssertionError("the quoted output of " + step + " is not what a real run prints"
                + " (both normalised; refresh with -Dtutorial.update=true).\n"
                + Diff.unified("chapter", expected, "real run", actual)
                + "\nchapter, normalised:\n" + String.join("\n", expected)
                + "\n\nreal run, normalised:\n" + String.join("\n", actual));
    }

    /**
     * Each command's real output, two ways, which differ only under {@code $ mvn ... exec:java}: to compare
     * with the chapter (the quoted lines if they all appear, in order, in what the server printed;
     * otherwise all it printed, so the diff shows it), and to write into the chapter (what the server had
     * printed when the command came, or everything if it is the block's last command).
     */
    private record Outputs(List<List<String>> compared, List<List<String>> fresh) {
    }

    /**
     * Runs the commands against a fresh server and returns their output, already "un-localised": the
     * real port put back to 8000, the temporary database named as the chapter names it.
     */
    private static Outputs run(Repo repo, String step, List<String> settings, List<Transcript.Command> commands) throws Exception {
        List<List<String>> fresh = new ArrayList<>();
        try (StepServer server = StepServer.start(repo, step, settings)) {
            for (Transcript.Command command : commands) {
                if (command.startsTheServer()) {
                    fresh.add(server.outputSoFar());
                } else if (command.managementArguments() != null) {
                    fresh.add(server.manage(command.managementArguments()));
                } else {
                    fresh.add(shell(command.text(), server));
                }
            }
            for (Transcript.Command command : commands) {
                if (command.startsTheServer()) {
                    // The quoted log lines may still be on their way: wait for them (a wrong quote waits in vain).
                    server.awaitOutput(printed -> appearInOrder(command.output(), unlocalise(printed, server)), 5_000);
                }
            }
            List<String> everything = unlocalise(server.stop(), server);
            fresh.replaceAll(output -> unlocalise(output, server));
            List<List<String>> compared = new ArrayList<>(fresh);
            for (int i = 0; i < commands.size(); i++) {
                Transcript.Command command = commands.get(i);
                if (command.startsTheServer()) {
                    compared.set(i, appearInOrder(command.output(), everything) ? command.output() : everything);
                    if (i == commands.size() - 1) {
                        fresh.set(i, everything);
                    }
                }
            }
            return new Outputs(compared, fresh);
        }
    }

    /**
     * Do the quoted lines appear, in order, in what the server printed? Request log lines are the exception:
     * each is printed once its response is complete, on the thread that completed it, so a page that took
     * longer to send may be logged after the next request's line; they must all appear, in any order.
     */
    private static boolean appearInOrder(List<String> quoted, List<String> printed) {
        List<String> wanted = Normalise.transcript(quoted);
        List<String> seen = Normalise.transcript(printed);
        List<String> logLines = new ArrayList<>(seen.stream().filter(QuotedOutputComesFromARealRun::isLogLine).toList());
        int next = 0;
        for (String line : seen) {
            while (next < wanted.size() && isLogLine(wanted.get(next)) && logLines.remove(wanted.get(next))) {
                next++;
            }
            if (next < wanted.size() && !isLogLine(line) && line.equals(wanted.get(next))) {
                next++;
            }
        }
        while (next < wanted.size() && isLogLine(wanted.get(next)) && logLines.remove(wanted.get(next))) {
            next++;
        }
        return next == wanted.size();
    }

    /** A request log line, normalised: {@code [<date>] "GET / HTTP/1.1" 200 <n>}. */
    private static boolean isLogLine(String line) {
        return line.startsWith("[<date>] \"");
    }

    /** The -pl and -DNAME=value of {@code $ mvn ... exec:java} must be those of the comment the test runs with. */
    private static void agreesWithTheComment(String command, String step, List<String> settings) {
        Matcher pl = PL.matcher(command);
        if (pl.find() && !pl.group(1).equals(step)) {
            throw new AssertionError("the block runs -pl " + pl.group(1) + " but its comment says " + step);
        }
        List<String> shown = SETTING.matcher(command).results().map(MatchResult::group).sorted().toList();
        List<String> used = settings.stream().sorted().toList();
        if (!shown.equals(used)) {
            throw new AssertionError("the command sets " + shown + " but the comment <!-- output: ... --> sets "
                    + used + ", and the test runs the server with the comment's");
        }
    }

    /** Runs one command with bash in the server's folder, against the server's real port and database. */
    private static List<String> shell(String command, StepServer server) throws IOException, InterruptedException {
        String real = command.replace("127.0.0.1:8000", "127.0.0.1:" + server.port())
                .replace(server.step + "/db.sqlite3", server.database.toString());
        // Output goes to a file outside the folder, so that `ls` there shows only what the app made.
        Path output = Files.createTempFile("tutorial-command-", ".txt");
        try {
            Process process = new ProcessBuilder("bash", "-c", real)
                    .directory(server.workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("`" + command + "` did not finish within " + COMMAND_SECONDS + " s");
            }
            return Normalise.lines(Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static List<String> unlocalise(List<String> lines, StepServer server) {
        String port = Pattern.quote("127.0.0.1:" + server.port()) + "(?!\\d)";
        return Normalise.clean(lines).stream()
                .map(line -> line.replaceAll(port, "127.0.0.1:8000")
                        .replace(server.database.toString(), server.step + "/db.sqlite3"))
                .toList();
    }
}
