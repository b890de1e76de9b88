package tutorial;

import static tutorial.Item.item;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Claim: every code listing in a chapter is the code that is really in the step.
 *
 * <p>A listing is an {@code <!-- listing: stepNN-x/path/File.java#name -->} line right above a fenced
 * block. The block must equal the region {@code name} of that file (see {@link Region}); without
 * {@code #name}, the whole file.
 *
 * <p>Check: {@code mvn -q verify} at the root. Update: {@code mvn -q verify -Dtutorial.update=true}
 * rewrites, instead of failing, every listing block that differs from its source.
 */
class ListingsMatchTheSource {

    @TestFactory
    Stream<DynamicTest> everyListingEqualsItsRegion() {
        Repo repo = Repo.find();
        return tests(repo, repo.chapters(), Boolean.getBoolean("tutorial.update"));
    }

    static Stream<DynamicTest> tests(Repo repo, List<Chapter> chapters, boolean update) {
        return chapters.stream().flatMap(chapter -> chapter.markers("listing").stream()
                .map(marker -> item(chapter.at(marker.line()) + " listing " + marker.argument(),
                        () -> check(repo, chapter, marker, update))));
    }

    static void check(Repo repo, Chapter chapter, Chapter.Marker marker, boolean update) {
        if (marker.block() == null) {
            throw new AssertionError("<!-- listing: ... --> must be followed, on the very next line, by a fenced code block");
        }
        List<String> source;
        try {
            source = Region.of(repo.root, marker.argument());
        } catch (Region.NotFound e) {
            throw new AssertionError(e.getMessage());
        }
        List<String> listing = marker.block().body();
        if (listing.equals(source)) {
            return;
        }
        if (update) {
            Chapter.rewriteBlock(chapter.file, marker.block().index(), source);
        } else {
            throw new AssertionError("the listing differs from the source"
                    + " (refresh with -Dtutorial.update=true)\n"
                    + Diff.unified(marker.argument(), source, chapter.name + " line " + marker.block().line(), listing));
        }
    }
}
