package tutorial;

import static tutorial.Item.item;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Claim: every code listing in a chapter is the code that is really in the step.
 *
 * <p>A listing is an {@code <!-- listing: stepNN-x/path/File.java#name -->} line right above a fenced
 * block. The block must equal the region {@code name} of that file (see {@link Region}); without
 * {@code #name}, the whole file. The line above the listing's comment must be its {@link Caption}, which
 * names the file (and the method) so that a reader can find the code.
 *
 * <p>Check: {@code mvn -q verify} at the root. Update: {@code mvn -q verify -Dtutorial.update=true}
 * rewrites, instead of failing, every listing block and caption that differs from its source.
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
        String caption = Caption.of(marker.argument(), source, Region.file(repo.root, marker.argument()));
        String above = marker.line() >= 2 ? chapter.lines.get(marker.line() - 2) : "";
        List<String> listing = marker.block().body();
        boolean listingTrue = listing.equals(source);
        boolean captionTrue = above.equals(caption);
        if (update) {
            if (!listingTrue) {
                Chapter.rewriteBlock(chapter.file, marker.block().index(), source);
            }
            if (!captionTrue) {
                Chapter.rewriteCaption(chapter.file, marker.block().index(), caption);
            }
            return;
        }
        List<String> wrong = new ArrayList<>();
        if (!captionTrue) {
            wrong.add((Caption.is(above) ? "the caption above the listing is wrong: " + above : "the listing has no caption")
                    + "\nThe line above <!-- listing: ... --> must be:\n" + caption + "\n");
        }
        if (!listingTrue) {
            wrong.add("the listing differs from the source\n"
                    + Diff.unified(marker.argument(), source, chapter.name + " line " + marker.block().line(), listing));
        }
        if (!wrong.isEmpty()) {
            throw new AssertionError(String.join("", wrong) + "(refresh with -Dtutorial.update=true)");
        }
    }
}
