package tutorial;

import static tutorial.Item.item;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Claim: every file, folder and module a chapter names exists.
 * <ul>
 *   <li>a code span naming a step folder ({@code `step01-stateless`}, {@code `step01-stateless/pom.xml`},
 *       also inside a longer span such as {@code `cd step01-stateless`}): exists, from the repository root;</li>
 *   <li>a code span beginning with {@code src/}: exists in the chapter's step folder, or in the previous
 *       step's if the chapter lists it as removed;</li>
 *   <li>a relative link target ({@code [chapter 2](02-cookie-id.md)}, {@code [code](../step01-stateless/pom.xml)}):
 *       exists, from the chapter's folder;</li>
 *   <li>{@code -pl NAME} in a console or shell block: NAME is a module of the root pom.</li>
 * </ul>
 * Paths under {@code target/} and SQLite files only exist after a build or a run, so for those only the
 * step folder must exist. A trailing {@code #name} or punctuation is not part of the path; for a pattern
 * such as {@code `src/main/java/locallibrary/sessions/*.java`} the folder before the {@code *} must exist.
 *
 * <p>Check: {@code mvn -q verify} at the root. There is no update mode.
 */
class NamedFilesExist {

    private static final Pattern STEP_PATH = Pattern.compile("(?<![\\w-])step\\d\\d-[a-z0-9-]+(?:/[^\\s`'\"()<>,;]*)?");
    private static final Pattern PL = Pattern.compile("(?:^|\\s)-pl[\\s=]+(\\S+)");
    private static final Pattern URL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");
    private static final Set<String> SHELL_BLOCKS = Set.of("console", "shell", "sh", "bash");

    @TestFactory
    Stream<DynamicTest> everyNamedFileExists() {
        Repo repo = Repo.find();
        return tests(repo, repo.chapters());
    }

    static Stream<DynamicTest> tests(Repo repo, List<Chapter> chapters) {
        return chapters.stream().flatMap(chapter -> Stream.of(
                stepPaths(repo, chapter), srcPaths(repo, chapter), links(chapter), modules(repo, chapter)).flatMap(s -> s));
    }

    private static Stream<DynamicTest> stepPaths(Repo repo, Chapter chapter) {
        return chapter.codeSpans().stream().flatMap(span -> STEP_PATH.matcher(span.text()).results()
                .map(match -> path(match.group()))
                .map(path -> item(chapter.at(span.line()) + " `" + path + "` exists", () -> {
                    if (!exists(repo.root, madeByABuild(path) ? path.split("/")[0] : path)) {
                        throw new AssertionError("`" + span.text() + "` names " + path
                                + ", which does not exist in " + repo.root);
                    }
                })));
    }

    private static Stream<DynamicTest> srcPaths(Repo repo, Chapter chapter) {
        return chapter.codeSpans().stream().filter(span -> span.text().startsWith("src/"))
                .map(span -> item(chapter.at(span.line()) + " `" + path(span.text()) + "` exists", () -> {
                    String path = path(span.text());
                    Optional<String> step = repo.stepOf(chapter);
                    if (step.isEmpty()) {
                        throw new AssertionError("`" + path
                                + "` is relative to a step folder, but " + chapter.name + " is about no step folder (it is not named like one)");
                    }
                    if (exists(repo.resolve(step.get()), path) || removedAndWasThere(repo, chapter, path)) {
                        return;
                    }
                    throw new AssertionError("`" + path + "` does not exist in " + step.get()
                            + " (nor is it listed as (removed) and found in the previous step)");
                }));
    }

    private static boolean removedAndWasThere(Repo repo, Chapter chapter, String path) {
        boolean listedAsRemoved = chapter.whatChanged().stream()
                .anyMatch(change -> "removed".equals(change.status()) && change.path().equals(path));
        Optional<String> previous = repo.stepOf(chapter).flatMap(repo::stepBefore);
        return listedAsRemoved && previous.isPresent() && exists(repo.resolve(previous.get()), path);
    }

    private static Stream<DynamicTest> links(Chapter chapter) {
        return chapter.linkTargets().stream()
                .filter(link -> !URL.matcher(link.text()).find() && !link.text().startsWith("#"))
                .map(link -> item(chapter.at(link.line()) + " link " + link.text(), () -> {
                    String path = URLDecoder.decode(link.text().replaceAll("[#?].*$", ""), StandardCharsets.UTF_8);
                    Path target = chapter.file.toAbsolutePath().getParent().resolve(path).normalize();
                    if (!Files.exists(target)) {
                        throw new AssertionError("the link target " + link.text()
                                + " does not exist (links are relative to the chapter's folder: " + target + ")");
                    }
                }));
    }

    private static Stream<DynamicTest> modules(Repo repo, Chapter chapter) {
        return chapter.blocks.stream().filter(block -> SHELL_BLOCKS.contains(block.info())).flatMap(block -> {
            List<String> body = block.body();
            return IntStream.range(0, body.size()).boxed().flatMap(i -> PL.matcher(body.get(i)).results()
                    .flatMap(match -> Stream.of(match.group(1).split(",")))
                    .map(module -> item(chapter.at(block.line() + 1 + i) + " -pl " + module, () -> {
                        List<String> modules = repo.modules();
                        if (!modules.contains(module)) {
                            throw new AssertionError("-pl " + module
                                    + " is not a module of the root pom.xml (its modules: " + String.join(", ", modules) + ")");
                        }
                    })));
        });
    }

    /** The path itself: without a #region, a ?query or the punctuation of the sentence around it. */
    private static String path(String text) {
        return text.replaceAll("[#?].*$", "").replaceAll("[.,:;!?]+$", "");
    }

    /** Does {@code path} exist under {@code base}? For a pattern ("sessions/*.java"), does the folder before the first * exist? */
    private static boolean exists(Path base, String path) {
        int star = path.indexOf('*');
        String existing = star < 0 ? path : path.substring(0, path.lastIndexOf('/', star) + 1);
        return Files.exists(base.resolve(existing));
    }

    /** target/ and SQLite databases appear only once a step is built or run. */
    private static boolean madeByABuild(String path) {
        return Stream.of(path.split("/")).anyMatch(part -> part.equals("target") || part.contains(".sqlite3"));
    }
}
