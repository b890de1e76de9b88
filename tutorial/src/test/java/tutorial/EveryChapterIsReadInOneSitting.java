package tutorial;

import static tutorial.Item.item;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Claim: a learner finishes every chapter in one sitting: at most 5,000 words, counted as {@code wc -w}
 * counts them (listings and quoted output included, since the reader reads them too). Robustness material
 * goes after the exercises or into an appendix, which has no such limit.
 *
 * <p>Check: {@code mvn -q verify} at the root. There is no update mode: shorten the chapter.
 */
class EveryChapterIsReadInOneSitting {

    static final int MAX_WORDS = 5_000;

    @TestFactory
    Stream<DynamicTest> everyChapterHasAtMost5000Words() {
        return Repo.find().chapters().stream()
                .filter(chapter -> chapter.file.getFileName().toString().matches("\\d\\d-.*\\.md"))
                .map(chapter -> item(chapter.file.getFileName() + " has at most " + MAX_WORDS + " words", () -> {
                    int words = words(chapter);
                    if (words > MAX_WORDS) {
                        throw new AssertionError(chapter.file.getFileName() + " has " + words + " words, more than "
                                + MAX_WORDS + ": move robustness material after the exercises or into an appendix");
                    }
                }));
    }

    /** Runs of non-space characters, as {@code wc -w} counts them. */
    static int words(Chapter chapter) {
        try {
            String text = Files.readString(chapter.file);
            String trimmed = text.strip();
            return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
