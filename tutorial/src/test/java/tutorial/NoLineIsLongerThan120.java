package tutorial;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Claim: no line of a step's source is longer than 120 characters (the house style, in .editorconfig's
 * {@code max_line_length}). A beginner reads the code side by side with a chapter or a diff; a long line
 * hides its end.
 *
 * <p>Check: {@code mvn -q verify} at the root. There is no update mode: wrap the line, in every step that
 * has it.
 */
class NoLineIsLongerThan120 {

    static final int MAX = 120;

    @Test
    void noStepSourceLineIsLongerThan120() {
        List<String> tooLong = tooLong(Repo.find());
        if (!tooLong.isEmpty()) {
            throw new AssertionError(tooLong.size() + " lines are longer than " + MAX + " characters:\n"
                    + String.join("\n", tooLong));
        }
    }

    /** "step05-settings/src/main/java/locallibrary/Settings.java:42 is 142 characters long", for each such line. */
    static List<String> tooLong(Repo repo) {
        List<String> found = new ArrayList<>();
        repo.stepSources().forEach(file -> {
            List<String> lines = textLines(file);
            for (int i = 0; i < lines.size(); i++) {
                int length = lines.get(i).codePointCount(0, lines.get(i).length());
                if (length > MAX) {
                    found.add(repo.root.relativize(file).toString().replace('\\', '/') + ":" + (i + 1)
                            + " is " + length + " characters long");
                }
            }
        });
        return found;
    }

    /** The file's lines, or none if it is not UTF-8 text (an image, say). */
    private static List<String> textLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (CharacterCodingException e) {
            return List.of();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
