package tutorial;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One chapter, tutorial/NN-name.md, read just enough to find what the tests check: fenced blocks, the
 * HTML comments that mark some of them, code spans, link targets and the "What changed" list.
 * Line numbers are 1-based, as an editor shows them.
 */
final class Chapter {

    static final String WHAT_CHANGED = "## What changed since the previous step";

    /** A fenced block: its position among the chapter's blocks (from 0), its opening fence's line, its info string ("java", "console") and its body. */
    record Block(int index, int line, String info, List<String> body) {
    }

    /** An {@code <!-- kind: argument -->} comment line, and the block right below it (null if there is none). */
    record Marker(int line, String argument, Block block) {
    }

    /** Some text found on a line: a code span's content or a link's target. */
    record Found(int line, String text) {
    }

    /** One item of the "What changed" list: {@code - `path` (status): ...}; status is null when the item is malformed. */
    record Change(int line, String path, String status) {
    }

    private static final Pattern CHAPTER_NAME = Pattern.compile("(\\d\\d)-([a-z0-9-]+)\\.md");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})\\s*([^`]*)$");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)(?<!`)\\1(?!`)");
    private static final Pattern INLINE_LINK = Pattern.compile("\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern LINK_DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*<?([^\\s>]+)>?");
    private static final Pattern CHANGE = Pattern.compile("^`([^`]+)`\\s*\\((new|changed|removed)\\)");

    final Path file;
    final String name;
    final List<String> lines;
    final List<Block> blocks = new ArrayList<>();
    /** For each line: is it inside a fenced block (fences included)? */
    private final boolean[] fenced;

    private Chapter(Path file, List<String> lines) {
        this.file = file;
        this.name = file.getFileName().toString();
        this.lines = lines;
        this.fenced = new boolean[lines.size()];
        findBlocks();
    }

    static Chapter read(Path file) {
        try {
            return new Chapter(file, Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "01-stateless.md" belongs to step folder "step01-stateless"; a chapter named otherwise belongs to none. */
    Optional<String> step() {
        Matcher m = CHAPTER_NAME.matcher(name);
        return m.matches() ? Optional.of("step" + m.group(1) + "-" + m.group(2)) : Optional.empty();
    }

    /** The chapter's number (1 for 01-stateless.md); only for chapters that belong to a step. */
    int number() {
        Matcher m = CHAPTER_NAME.matcher(name);
        if (!m.matches()) {
            throw new IllegalStateException(name + " is not named NN-name.md");
        }
        return Integer.parseInt(m.group(1));
    }

    /** "01-stateless.md:12", how a failure points at a line. */
    String at(int line) {
        return name + ":" + line;
    }

    /** Every {@code <!-- kind: ... -->} line outside fenced blocks, e.g. kind "listing" or "output". */
    List<Marker> markers(String kind) {
        Pattern comment = Pattern.compile("^\\s*<!--\\s*" + kind + ":\\s*(.*?)\\s*-->\\s*$");
        List<Marker> markers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = comment.matcher(lines.get(i));
            if (!fenced[i] && m.matches()) {
                int blockLine = i + 2; // "immediately followed by": the very next line opens the block
                Block below = blocks.stream().filter(b -> b.line() == blockLine).findFirst().orElse(null);
                markers.add(new Marker(i + 1, m.group(1), below));
            }
        }
        return markers;
    }

    /** The content of every code span in the prose (not in fenced blocks, not in HTML comments). */
    List<Found> codeSpans() {
        List<Found> spans = new ArrayList<>();
        List<String> prose = proseLines();
        for (int i = 0; i < prose.size(); i++) {
            Matcher m = CODE_SPAN.matcher(prose.get(i));
            while (m.find()) {
                spans.add(new Found(i + 1, m.group(2).strip()));
            }
        }
        return spans;
    }

    /** The target of every Markdown link and link definition in the prose (code spans don't count). */
    List<Found> linkTargets() {
        List<Found> targets = new ArrayList<>();
        List<String> prose = proseLines();
        for (int i = 0; i < prose.size(); i++) {
            String text = CODE_SPAN.matcher(prose.get(i)).replaceAll("");
            Matcher inline = INLINE_LINK.matcher(text);
            while (inline.find()) {
                targets.add(new Found(i + 1, inline.group(1)));
            }
            Matcher definition = LINK_DEFINITION.matcher(text);
            if (definition.find()) {
                targets.add(new Found(i + 1, definition.group(1)));
            }
        }
        return targets;
    }

    /** The line of the "What changed" heading, if the chapter has one. */
    Optional<Integer> whatChangedLine() {
        for (int i = 0; i < lines.size(); i++) {
            if (!fenced[i] && lines.get(i).strip().equals(WHAT_CHANGED)) {
                return Optional.of(i + 1);
            }
        }
        return Optional.empty();
    }

    /** The top-level bullet items of the "What changed" section, up to the next heading of level 1 or 2. */
    List<Change> whatChanged() {
        List<Change> changes = new ArrayList<>();
        int start = whatChangedLine().orElse(lines.size() + 1); // 1-based heading line = 0-based first line below it
        for (int i = start; i < lines.size(); i++) {
            String line = lines.get(i);
            if (fenced[i]) {
                continue;
            }
            if (line.startsWith("# ") || line.startsWith("## ")) {
                break;
            }
            if (line.matches("^[-*+]\\s+.*")) {
                Matcher m = CHANGE.matcher(line.substring(1).strip());
                changes.add(m.find()
                        ? new Change(i + 1, m.group(1).strip(), m.group(2))
                        : new Change(i + 1, line.strip(), null));
            }
        }
        return changes;
    }

    /** Replaces the body of the chapter's block number {@code index} (0-based) in the file on disk. */
    static void rewriteBlock(Path file, int index, List<String> body) {
        Chapter now = read(file); // re-read: an earlier rewrite may have moved lines
        Block block = now.blocks.get(index);
        List<String> lines = new ArrayList<>(now.lines);
        int first = block.line(); // 0-based index of the first body line
        lines.subList(first, first + block.body().size()).clear();
        lines.addAll(first, body);
        write(file, lines);
    }

    private static void write(Path file, List<String> lines) {
        try {
            Files.writeString(file, String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Puts {@code caption} on the line above the listing comment of block number {@code index}: in place of
     * the caption there is one, else as a new line (with a blank line above it, if prose is right above).
     */
    static void rewriteCaption(Path file, int index, String caption) {
        Chapter now = read(file);
        List<String> lines = new ArrayList<>(now.lines);
        int comment = now.blocks.get(index).line() - 2; // 0-based: the line right above the opening fence
        int above = comment - 1;
        if (above >= 0 && Caption.is(lines.get(above))) {
            lines.set(above, caption);
        } else if (above >= 0 && !lines.get(above).isBlank()) {
            lines.addAll(comment, List.of("", caption));
        } else {
            lines.add(comment, caption);
        }
        write(file, lines);
    }

    /** The lines with fenced blocks blanked out and HTML comments removed, so the prose keeps its line numbers. */
    private List<String> proseLines() {
        List<String> prose = new ArrayList<>();
        boolean inComment = false;
        for (int i = 0; i < lines.size(); i++) {
            if (fenced[i]) {
                prose.add("");
                continue;
            }
            StringBuilder kept = new StringBuilder();
            String line = lines.get(i);
            int at = 0;
            while (at < line.length()) {
                if (inComment) {
                    int end = line.indexOf("-->", at);
                    if (end < 0) {
                        at = line.length();
                    } else {
                        inComment = false;
                        at = end + 3;
                    }
                } else {
                    int begin = line.indexOf("<!--", at);
                    if (begin < 0) {
                        kept.append(line, at, line.length());
                        at = line.length();
                    } else {
                        kept.append(line, at, begin);
                        inComment = true;
                        at = begin + 4;
                    }
                }
            }
            prose.add(kept.toString());
        }
        return prose;
    }

    /** Finds the fenced blocks: an opening fence of 3+ backticks or tildes, closed by a fence of the same kind. */
    private void findBlocks() {
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            String fence = open.group(1);
            int close = i + 1;
            while (close < lines.size() && !closes(lines.get(close), fence)) {
                close++;
            }
            for (int j = i; j <= Math.min(close, lines.size() - 1); j++) {
                fenced[j] = true;
            }
            String info = open.group(2).strip().split("\\s+")[0];
            blocks.add(new Block(blocks.size(), i + 1, info, List.copyOf(lines.subList(i + 1, Math.min(close, lines.size())))));
            i = close;
        }
    }

    private static boolean closes(String line, String fence) {
        String stripped = line.strip();
        return stripped.length() >= fence.length()
                && stripped.chars().allMatch(c -> c == fence.charAt(0))
                && line.indexOf(fence.charAt(0)) <= 3;
    }
}
