package tutorial;

import static tutorial.Item.item;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Claim: the "What changed since the previous step" list of chapter NN names exactly the files that
 * differ between step NN-1's folder and step NN's (for chapter 01: every file, all new).
 *
 * <p>Each item begins with the path, relative to the step folder, and its status:
 * {@code - `src/main/java/locallibrary/sessions/SessionMiddleware.java` (new): reads the cookie...}
 * with status new, changed or removed. Compared: every file under {@code src/} (except SQLite
 * databases), byte for byte, and {@code pom.xml} with the step's own name blotted out, so that the pom
 * counts as changed only when its dependencies or build differ.
 *
 * <p>A chapter is about the step folder of the same name ("08-many-servers.md" is about
 * step07-many-servers); one named like no step folder (07-what-a-session-costs.md, about the
 * benchmarks) has no previous step to compare with, and needs no such list.
 *
 * <p>Check: {@code mvn -q verify} at the root. No update mode: on failure the message prints the real
 * list, ready to paste and describe.
 */
class WhatChangedListsTheRealDifference {

    @TestFactory
    Stream<DynamicTest> everyChapterListsTheRealChanges() {
        Repo repo = Repo.find();
        return tests(repo, repo.chapters());
    }

    static Stream<DynamicTest> tests(Repo repo, List<Chapter> chapters) {
        return chapters.stream()
                .filter(chapter -> repo.stepOf(chapter).isPresent())
                .map(chapter -> item(chapter.at(chapter.whatChangedLine().orElse(1)) + " what changed since the previous step",
                        () -> check(repo, chapter)));
    }

    static void check(Repo repo, Chapter chapter) {
        String step = repo.stepOf(chapter).orElseThrow();
        boolean first = chapter.number() == 1;
        Optional<String> previous = first ? Optional.empty() : repo.stepBefore(step);
        if (!first && previous.isEmpty()) {
            throw new AssertionError(chapter.name + ": there is no step folder before " + step + " to compare it with");
        }
        if (chapter.whatChangedLine().isEmpty()) {
            throw new AssertionError(chapter.name + " has no section \"" + Chapter.WHAT_CHANGED + "\". It should list:\n"
                    + asBullets(realChanges(repo, previous, step)));
        }

        List<String> problems = new ArrayList<>();
        Set<String> listed = new TreeSet<>();
        for (Chapter.Change change : chapter.whatChanged()) {
            if (change.status() == null) {
                problems.add(chapter.at(change.line()) + ": an item must begin with `path` (new|changed|removed), not: " + change.path());
            } else if (!listed.add(entry(change.path(), change.status()))) {
                problems.add(chapter.at(change.line()) + ": listed twice: " + change.path());
            }
        }
        Set<String> real = new TreeSet<>(realChanges(repo, previous, step));
        Set<String> missing = new TreeSet<>(real);
        missing.removeAll(listed);
        Set<String> extra = new TreeSet<>(listed);
        extra.removeAll(real);
        if (!missing.isEmpty()) {
            problems.add("missing (changed, but not listed):\n" + asBullets(missing));
        }
        if (!extra.isEmpty()) {
            problems.add("extra (listed, but not what changed):\n" + asBullets(extra));
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("the list is not the real difference between "
                    + previous.orElse("no step at all") + " and " + step + ".\n" + String.join("\n", problems)
                    + "\nThe real list:\n" + asBullets(real));
        }
    }

    /** "path (status)" for every file that differs between the two step folders. */
    static Set<String> realChanges(Repo repo, Optional<String> previous, String step) {
        TreeMap<String, byte[]> before = previous.map(p -> contents(repo.resolve(p), p)).orElseGet(TreeMap::new);
        TreeMap<String, byte[]> after = contents(repo.resolve(step), step);
        Set<String> changes = new TreeSet<>();
        after.forEach((path, bytes) -> {
            if (!before.containsKey(path)) {
                changes.add(entry(path, "new"));
            } else if (!Arrays.equals(before.get(path), bytes)) {
                changes.add(entry(path, "changed"));
            }
        });
        before.keySet().stream().filter(path -> !after.containsKey(path)).forEach(path -> changes.add(entry(path, "removed")));
        return changes;
    }

    /** What counts in a step folder: its pom (own name blotted out) and its src/ files, by relative path. */
    private static TreeMap<String, byte[]> contents(Path folder, String step) {
        TreeMap<String, byte[]> files = new TreeMap<>();
        try {
            Path pom = folder.resolve("pom.xml");
            if (Files.isRegularFile(pom)) {
                files.put("pom.xml", Files.readString(pom).replace(step, "<this step>").getBytes(StandardCharsets.UTF_8));
            }
            Path src = folder.resolve("src");
            if (Files.isDirectory(src)) {
                try (Stream<Path> walk = Files.walk(src)) {
                    for (Path file : walk.filter(Files::isRegularFile).toList()) {
                        if (!file.getFileName().toString().contains(".sqlite3")) { // a database is made at run time
                            files.put(folder.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static String entry(String path, String status) {
        return path + " (" + status + ")";
    }

    private static String asBullets(Set<String> items) {
        StringBuilder out = new StringBuilder();
        for (String item : items) {
            int paren = item.lastIndexOf(" (");
            out.append("- `").append(item, 0, paren).append('`').append(item.substring(paren)).append('\n');
        }
        return out.toString();
    }
}
