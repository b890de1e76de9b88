package tutorial;

import static tutorial.Item.item;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Claim: every region marked in a step's source is there for a chapter to quote.
 *
 * <p>A {@code // region:name} that no listing names is noise in the code a beginner reads, and is usually
 * a listing that was removed or renamed. Steps are copies, so a region counts as quoted when some chapter
 * quotes the same file (the same path inside its step folder) and name, from any step.
 *
 * <p>Check: {@code mvn -q verify} at the root. There is no update mode: quote the region in the chapter
 * where it helps, or remove its markers from every step.
 */
class EveryRegionIsQuoted {

    @TestFactory
    Stream<DynamicTest> everyRegionIsQuoted() {
        Repo repo = Repo.find();
        return tests(repo, repo.chapters());
    }

    static Stream<DynamicTest> tests(Repo repo, List<Chapter> chapters) {
        Set<String> quoted = chapters.stream()
                .flatMap(chapter -> chapter.markers("listing").stream())
                .map(marker -> withoutStep(marker.argument()))
                .collect(Collectors.toSet());
        return repo.stepSources().flatMap(file -> {
            String path = repo.root.relativize(file).toString().replace('\\', '/');
            return Region.names(file).stream().map(name -> item(path + " region:" + name + " is quoted", () -> {
                if (!quoted.contains(withoutStep(path + "#" + name))) {
                    throw new AssertionError("no chapter quotes region:" + name + " of " + path
                            + ": quote it (<!-- listing: " + path + "#" + name + " -->) or remove its markers");
                }
            }));
        });
    }

    /** "step02-cookie-id/src/main/.../Session.java#load" becomes "src/main/.../Session.java#load". */
    private static String withoutStep(String reference) {
        return reference.replaceFirst("^step[^/]+/", "");
    }
}
