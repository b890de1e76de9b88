package tutorial;

import static tutorial.Item.item;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Claim: a reader who follows a chapter from top to bottom, running every command it quotes, sees the
 * output it quotes (keys, dates, ports and lengths aside).
 *
 * <p>The test replays each chapter as that reader would: its console blocks marked
 * {@code <!-- output: stepNN-x [-DNAME=value ...] -->}, in the chapter's order, in one working folder (the
 * reader's repository root: one {@code cookies.txt}, one {@code stepNN-x/db.sqlite3}), with one server at
 * a time. Nothing is reset between blocks: a block that needs a clean state must make it visibly
 * ({@code rm -f cookies.txt}).
 *
 * <ul>
 * <li>{@code $ mvn -q -pl stepNN-x compile exec:java -DNAME=value} (re)starts the server: the running one
 * stops as with Ctrl-C and the step starts with exactly the flags shown, on a free port that the commands'
 * {@code 127.0.0.1:8000} is changed to. The lines quoted below it must appear, in that order, in what the
 * server prints while it runs. The same command after other commands of its block, with the same step and
 * flags, does not restart: it is a look at the running server's window.</li>
 * <li>{@code $ mvn ... exec:java -Dexec.args="clearsessions"} runs that management command on the running
 * step's database.</li>
 * <li>{@code /tmp} in a command or a flag is a temporary folder of the replay's own, shown as /tmp again in
 * what they print, so that a replay never meets a reader's files (or another replay's) there.</li>
 * <li>Any other command runs with bash in the working folder. {@code pkill} and {@code pgrep} look only among the
 * running server's own child processes ({@code -P} its pid is added), so that a replay never signals a process
 * of the reader's, or of another replay: step 07's balancer starts its app servers as child processes.</li>
 * <li>{@code $ step07-many-servers/services start} starts real PostgreSQL and Redis, private to the replay
 * (see {@link Services}), and every service it started is stopped when the chapter ends. Where they are not
 * installed, the replay stops before the first block that needs them and is reported as skipped, with the
 * reason; under CI it fails instead.</li>
 * <li>The comment's step and flags must be those of the running server: it names no flag that the
 * visible text does not.</li>
 * </ul>
 *
 * <p>Check: {@code mvn -q verify} at the root (the tutorial's tests run after every step is built).
 * Update: {@code mvn -q verify -Dtutorial.update=true} replays the same way and rewrites, instead of
 * failing, every block that does not match with the replay's output (un-normalised, the port put back to
 * 8000); blocks that still match are left alone. Review the change with git diff.
 *
 * <p>This replaces a check of each block on a fresh server of its own: a chapter is read in order, and a
 * block may rightly build on the one before it, which a fresh server would not allow.
 */
class ChaptersHoldInOrder {

    private static final Pattern PL = Pattern.compile("(?:^|\\s)-pl\\s+(\\S+)");
    /** A setting: {@code -DSESSION_ENGINE=cache}, or an entry of Django's dicts, {@code -DDATABASES.default.PORT=5433}. */
    private static final Pattern SETTING = Pattern.compile("-D[A-Z][A-Z0-9_]*(?:\\.[A-Za-z0-9_]+)*=\\S*");
    private static final long COMMAND_SECONDS = 60;
    /** A command that signals or finds processes by name: confined to the server's own children in a replay. */
    /** The system's temporary folder, as a command or a flag names it: "/tmp/sessions", "/tmp". */
    private static final Pattern TMP = Pattern.compile("(?<![\\w.~/-])/tmp(?=/|\\s|$|[\"'])");
    private static final Pattern PROCESS_FINDER = Pattern.compile("(?<![\\w/.-])(pkill|pgrep)(?=\\s)");

    @TestFactory
    Stream<DynamicTest> everyChapterHoldsWhenFollowedInOrder() {
        Repo repo = Repo.find();
        return tests(repo, repo.chapters(), Boolean.getBoolean("tutorial.update"));
    }

    static Stream<DynamicTest> tests(Repo repo, List<Chapter> chapters, boolean update) {
        return chapters.stream()
                .filter(chapter -> !chapter.markers("output").isEmpty())
                .map(chapter -> item(chapter.name + " followed in order", () -> replay(repo, chapter, update)));
    }

    /** A step as a start command names it: the folder and the -DNAME=value flags, in the order shown. */
    record Server(String step, List<String> settings) {

        static Server of(String command) {
            Matcher pl = PL.matcher(command);
            String step = pl.find() ? pl.group(1) : "(no -pl)";
            return new Server(step, SETTING.matcher(command).results().map(MatchResult::group).toList());
        }

        boolean sameAs(String step, List<String> settings) {
            return this.step.equals(step) && this.settings.stream().sorted().toList()
                    .equals(settings.stream().sorted().toList());
        }

        @Override
        public String toString() {
            return String.join(" ", Stream.concat(Stream.of(step), settings.stream()).toList());
        }
    }

    /** One server's life during the replay: filled with all it printed once it stopped. */
    private static final class Life {
        final StepServer server;
        List<String> printed; // null while it runs

        Life(StepServer server) {
            this.server = server;
        }
    }

    /** One block as replayed: its commands, what each printed, and for server commands the server's life. */
    private record Replayed(Chapter.Marker marker, List<Transcript.Command> commands,
                            List<List<String>> printed, List<Life> lives) {
    }

    static void replay(Repo repo, Chapter chapter, boolean update) throws Exception {
        List<Chapter.Marker> markers = chapter.markers("output");
        for (Chapter.Marker marker : markers) {
            checkShape(repo, chapter, marker);
        }
        int replayable = markers.size();
        Optional<Chapter.Marker> firstNeedingServices = markers.stream().filter(Services::needed).findFirst();
        Optional<String> missing = firstNeedingServices.isPresent() ? Services.missing() : Optional.empty();
        if (missing.isPresent()) {
            String why = chapter.at(firstNeedingServices.get().line()) + " on needs PostgreSQL and Redis, "
                    + missing.get();
            if (Services.underCi()) {
                throw new AssertionError(why + ". Under CI (CI is set) every block must be replayed.");
            }
            replayable = markers.indexOf(firstNeedingServices.get());
        }
        Path folder = Files.createTempDirectory("tutorial-" + chapter.name.replace(".md", "") + "-");
        Path tmp = Files.createTempDirectory("tutorial-tmp-");
        // As root, the services script runs PostgreSQL as the postgres user, who must be able to enter it.
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Services services = firstNeedingServices.isPresent() && missing.isEmpty()
                ? Services.forReplay(repo, tmp) : null;
        Local local = new Local(tmp, services);
        List<Replayed> replayed = new ArrayList<>();
        Life life = null;
        try {
            for (Chapter.Marker marker : markers.subList(0, replayable)) {
                List<Transcript.Command> commands = Transcript.parse(marker.block().body());
                List<List<String>> printed = new ArrayList<>();
                List<Life> lives = new ArrayList<>();
                for (int i = 0; i < commands.size(); i++) {
                    Transcript.Command command = commands.get(i);
                    if (command.startsTheServer()) {
                        Server wanted = Server.of(command.text());
                        boolean look = i > 0 && life != null
                                && wanted.sameAs(life.server.step, life.server.settings);
                        if (!look) {
                            stop(life);
                            life = new Life(StepServer.startIn(folder, repo, wanted.step(), wanted.settings(),
                                    local.settings(wanted.settings())));
                        }
                        printed.add(life.server.outputSoFar());
                        lives.add(life);
                    } else {
                        if (life == null) {
                            throw new AssertionError(chapter.at(marker.line()) + ": no server is running yet;"
                                    + " start one first with a visible `$ mvn -q -pl stepNN-x compile exec:java`");
                        }
                        List<String> arguments = command.managementArguments();
                        printed.add(arguments != null ? manage(chapter, marker, command, life, arguments)
                                : shell(command.text(), folder, life.server, local));
                        lives.add(life);
                    }
                }
                agreesWithTheServer(chapter, marker, life);
                replayed.add(new Replayed(marker, commands, printed, lives));
            }
        } finally {
            stop(life);
            if (services != null) {
                services.close();
            }
            StepServer.deleteAll(folder);
            StepServer.deleteAll(tmp);
        }
        compare(chapter, replayed, update, local);
        if (replayable < markers.size()) {
            Assumptions.abort(chapter.at(markers.get(replayable).line()) + " on was not replayed: it needs"
                    + " PostgreSQL and Redis, " + missing.orElseThrow());
        }
    }

    /** The comment must be followed by a console block of commands, and name a step folder and flags only. */
    private static void checkShape(Repo repo, Chapter chapter, Chapter.Marker marker) {
        String at = chapter.at(marker.line()) + ": ";
        if (marker.block() == null) {
            throw new AssertionError(at + "<!-- output: ... --> must be followed, on the very next line,"
                    + " by a ```console block");
        }
        List<String> words = List.of(marker.argument().split("\\s+"));
        if (!Files.isDirectory(repo.resolve(words.get(0)))) {
            throw new AssertionError(at + "there is no step folder " + words.get(0));
        }
        for (String setting : words.subList(1, words.size())) {
            if (!setting.startsWith("-D")) {
                throw new AssertionError(at + "after the step name only -DNAME=value settings may follow, not "
                        + setting);
            }
        }
        List<Transcript.Command> commands = Transcript.parse(marker.block().body());
        List<CommandLineTools.Tool> missing = CommandLineTools.missingFor(
                commands.stream().map(Transcript.Command::text).toList(), System.getenv("PATH"));
        if (!missing.isEmpty()) {
            throw new AssertionError(CommandLineTools.message(missing)); // rather than a mismatch that names nothing
        }
    }

    /** The comment names the server that runs: the step and flags of the last visible start command. */
    private static void agreesWithTheServer(Chapter chapter, Chapter.Marker marker, Life life) {
        List<String> words = List.of(marker.argument().split("\\s+"));
        String step = words.get(0);
        List<String> settings = words.subList(1, words.size());
        if (life == null) {
            throw new AssertionError(chapter.at(marker.line()) + ": no server is running yet;"
                    + " start one first with a visible `$ mvn -q -pl stepNN-x compile exec:java`");
        }
        if (!new Server(life.server.step, life.server.settings).sameAs(step, settings)) {
            throw new AssertionError(chapter.at(marker.line()) + ": the comment says <!-- output: " + marker.argument()
                    + " --> but the server a reader has running is the last one the chapter visibly starts: "
                    + new Server(life.server.step, life.server.settings)
                    + ". Show the restart, with every flag, as a `$ mvn ... exec:java` command.");
        }
    }

    private static List<String> manage(Chapter chapter, Chapter.Marker marker, Transcript.Command command, Life life,
            List<String> arguments) throws IOException, InterruptedException {
        Server named = Server.of(command.text());
        if (!named.step().equals(life.server.step)) {
            throw new AssertionError(chapter.at(marker.line()) + ": `" + command.text() + "` runs on "
                    + named.step() + " but the running server is " + life.server.step);
        }
        return life.server.manage(arguments);
    }

    private static void stop(Life life) throws InterruptedException {
        if (life != null && life.printed == null) {
            life.printed = life.server.stop();
            life.server.close();
        }
    }

    /** Compares each block with its replay, after every server stopped (so every log line is in); or rewrites it. */
    private static void compare(Chapter chapter, List<Replayed> replayed, boolean update, Local local) {
        List<String> failures = new ArrayList<>();
        replayed.stream().flatMap(block -> block.lives().stream()).distinct()
                .filter(life -> !life.server.leftBehind().isEmpty())
                .forEach(life -> failures.add(chapter.name + ": " + life.server.step + " " + life.server.settings
                        + " stopped as with Ctrl-C, but processes it started still ran 10 s later (killed now): "
                        + String.join(", ", life.server.leftBehind())));
        for (Replayed block : replayed) {
            List<Transcript.Command> commands = block.commands();
            List<List<String>> fresh = new ArrayList<>();
            List<List<String>> compared = new ArrayList<>();
            for (int i = 0; i < commands.size(); i++) {
                Transcript.Command command = commands.get(i);
                Life life = block.lives().get(i);
                List<String> printed = unlocalise(block.printed().get(i), life.server, local);
                if (command.startsTheServer()) {
                    List<String> everything = unlocalise(life.printed, life.server, local);
                    compared.add(appearInOrder(command.output(), everything) ? command.output() : everything);
                    // At the end of a block, the server's window shows what the block's requests logged.
                    fresh.add(i == commands.size() - 1 && i > 0 ? everything : printed);
                } else {
                    compared.add(printed);
                    fresh.add(printed);
                }
            }
            List<String> quoted = Transcript.join(commands, commands.stream().map(Transcript.Command::output).toList());
            List<String> expected = Normalise.transcript(quoted);
            List<String> actual = Normalise.transcript(Transcript.join(commands, compared));
            if (expected.equals(actual)) {
                continue; // also when updating: a block that is still true keeps its dates and lengths
            }
            if (update) {
                Chapter.rewriteBlock(chapter.file, block.marker().block().index(), Transcript.join(commands, fresh));
                continue;
            }
            failures.add(chapter.at(block.marker().line()) + ": the quoted output of " + block.marker().argument()
                    + " is not what the chapter, followed in order, prints"
                    + " (both normalised; refresh with -Dtutorial.update=true).\n"
                    + Diff.unified("chapter", expected, "followed in order", actual));
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("\n", failures));
        }
    }

    /**
     * Do the quoted lines appear, in order, in what the server printed? Request log lines are the exception:
     * each is printed once its response is complete, so a page that took longer to send may be logged after
     * the next request's line; they must all appear, in any order.
     */
    private static boolean appearInOrder(List<String> quoted, List<String> printed) {
        List<String> wanted = Normalise.transcript(quoted);
        List<String> seen = Normalise.transcript(printed);
        List<String> logLines = new ArrayList<>(seen.stream().filter(ChaptersHoldInOrder::isLogLine).toList());
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

    /**
     * A request log line, normalised: {@code [<date>] "GET / HTTP/1.1" 200 <n>}, also as step 07's balancer
     * shows an app server's, after its name: {@code server-1 | [<date>] "GET / HTTP/1.1" 200 <n>}.
     */
    private static boolean isLogLine(String line) {
        return line.replaceFirst("^[a-z0-9-]+ \\| ", "").startsWith("[<date>] \"");
    }

    /** The command with its {@code pkill} and {@code pgrep} confined to the children of process {@code parent}. */
    static String confined(String command, long parent) {
        return PROCESS_FINDER.matcher(command).replaceAll("$1 -P " + parent);
    }

    /** Runs one command with bash in the chapter's folder, against the running server's real port (and services). */
    private static List<String> shell(String command, Path folder, StepServer server, Local local)
            throws IOException, InterruptedException {
        String real = local.command(confined(command.replace("127.0.0.1:8000", "127.0.0.1:" + server.port()),
                server.pid()));
        // Output goes to a file outside the folder, so that `ls` there shows only what the app and the commands made.
        Path output = Files.createTempFile("tutorial-command-", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", "-c", real)
                    .directory(folder.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(local.environment());
            Process process = builder.start();
            if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("`" + command + "` did not finish within " + COMMAND_SECONDS + " s");
            }
            return Normalise.lines(Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /**
     * The real port put back to 8000, the database's full path put back to the chapter's stepNN-x/db.sqlite3,
     * and the services' ports and folder put back to those the chapter shows.
     */
    private static List<String> unlocalise(List<String> lines, StepServer server, Local local) {
        String port = Pattern.quote("127.0.0.1:" + server.port()) + "(?!\\d)";
        return local.unlocalise(Normalise.clean(lines).stream()
                .map(line -> line.replaceAll(port, "127.0.0.1:8000")
                        .replace(server.database.toString(), server.step + "/db.sqlite3"))
                .toList());
    }

    /** What a replay keeps to itself: its own /tmp, and its services (null when the chapter needs none). */
    record Local(Path tmp, Services services) {

        String command(String text) {
            String local = TMP.matcher(text).replaceAll(Matcher.quoteReplacement(tmp.toString()));
            return services == null ? local : services.command(local);
        }

        List<String> settings(List<String> shown) {
            List<String> local = shown.stream().map(this::command).toList();
            return services == null ? local : services.settings(local);
        }

        Map<String, String> environment() {
            return services == null ? Map.of() : services.environment();
        }

        List<String> unlocalise(List<String> lines) {
            List<String> local = lines.stream().map(line -> line.replace(tmp.toString(), "/tmp")).toList();
            return services == null ? local : services.unlocalise(local);
        }
    }
}
