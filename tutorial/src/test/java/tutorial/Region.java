package tutorial;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a source file a listing shows. A region is marked in the file's own comment syntax:
 * <pre>
 *     // region:index            &lt;#-- region:counter --&gt;          # region:imports
 *     ...                        ...                              ...
 *     // endregion:index         &lt;#-- endregion:counter --&gt;       # endregion:imports
 * </pre>
 * Any line that holds a marker is never shown, so regions may nest and overlap. A region may be opened
 * more than once in a file: the listing shows its pieces in order, joined by an elision line, which is the
 * marker line that opens the next piece with {@code region:NAME} replaced by {@code ...} ({@code // ...},
 * {@code <#-- ... -->}, {@code # ...}), so a listing can skip the middle of a long method.
 */
final class Region {

    /** {@code region:NAME} or {@code endregion:NAME}; a name is words joined by dashes ("handler-chain"). */
    private static final Pattern MARKER = Pattern.compile("\\b(region|endregion):(\\w+(?:-\\w+)*)");

    /** The file or region was not found; the message says which and what there is instead. */
    static final class NotFound extends Exception {
        NotFound(String message) {
            super(message);
        }
    }

    private Region() {
    }

    /**
     * The lines a listing named {@code file#name} must show: those strictly between each of the region's
     * start and end markers, without marker lines, pieces joined by an elision line, less their common
     * indentation. Without {@code #name}: the whole file without marker lines.
     */
    static List<String> of(Path root, String reference) throws NotFound {
        int hash = reference.indexOf('#');
        String path = hash < 0 ? reference : reference.substring(0, hash);
        Path file = root.resolve(path);
        if (!Files.isRegularFile(file)) {
            throw new NotFound("no file " + path
                    + " (paths start at the repository root, e.g. step01-stateless/src/...)");
        }
        List<String> lines = readLines(file);
        if (hash < 0) {
            return dedent(withoutMarkers(lines));
        }
        String name = reference.substring(hash + 1);
        int start = find(lines, "region", name, 0);
        if (start < 0) {
            throw new NotFound(path + " has no line with region:" + name + " (its regions: " + names(lines) + ")");
        }
        List<String> shown = new ArrayList<>();
        while (start >= 0) {
            int end = find(lines, "endregion", name, start + 1);
            if (end < 0) {
                throw new NotFound(path + " has region:" + name + " on line " + (start + 1)
                        + " but no endregion:" + name + " below it");
            }
            if (!shown.isEmpty()) {
                shown.add(elision(lines.get(start), name));
            }
            shown.addAll(withoutMarkers(lines.subList(start + 1, end)));
            start = find(lines, "region", name, end + 1);
        }
        return dedent(shown);
    }

    /** All the lines of the file a listing names (the region it names aside). */
    static List<String> file(Path root, String reference) {
        int hash = reference.indexOf('#');
        return readLines(root.resolve(hash < 0 ? reference : reference.substring(0, hash)));
    }

    /** The names of the regions marked in a file, each once, in the order they first open. */
    static Set<String> names(Path file) {
        return new LinkedHashSet<>(namesIn(readLines(file)));
    }

    /** "    // region:load" becomes "    // ...": the elision says "code left out here" in the file's own syntax. */
    private static String elision(String markerLine, String name) {
        return markerLine.replaceFirst("\\bregion:" + Pattern.quote(name) + "(?![\\w-])", "...");
    }

    private static int find(List<String> lines, String kind, String name, int from) {
        for (int i = from; i < lines.size(); i++) {
            Matcher m = MARKER.matcher(lines.get(i));
            while (m.find()) {
                if (m.group(1).equals(kind) && m.group(2).equals(name)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static String names(List<String> lines) {
        List<String> names = namesIn(lines).stream().distinct().toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static List<String> namesIn(List<String> lines) {
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            Matcher m = MARKER.matcher(line);
            while (m.find()) {
                if (m.group(1).equals("region")) {
                    names.add(m.group(2));
                }
            }
        }
        return names;
    }

    private static List<String> withoutMarkers(List<String> lines) {
        return lines.stream().filter(line -> !MARKER.matcher(line).find()).toList();
    }

    /** Removes the leading whitespace all non-blank lines share; blank lines become empty. */
    static List<String> dedent(List<String> lines) {
        int common = lines.stream()
                .filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length())
                .min()
                .orElse(0);
        return lines.stream().map(line -> line.isBlank() ? "" : line.substring(common)).toList();
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
