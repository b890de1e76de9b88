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
import java.util.stream.Stream;

/** The repository the chapters talk about: its root, its step folders, its chapters and its Maven modules. */
final class Repo {

    private static final Pattern STEP_FOLDER = Pattern.compile("step(\\d\\d)-[a-z0-9-]+");

    final Path root;

    Repo(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * The real repository. Maven runs the tests in the module's folder (tutorial/), an IDE may run them
     * elsewhere: walk up to the first folder whose pom.xml lists modules.
     */
    static Repo find() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom) && read(pom).contains("<modules>")) {
                return new Repo(dir);
            }
        }
        throw new IllegalStateException("no pom.xml with <modules> above " + Path.of("").toAbsolutePath());
    }

    /** The chapters tutorial/*.md, in file name order. */
    List<Chapter> chapters() {
        Path dir = root.resolve("tutorial");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".md"))
                    .sorted()
                    .map(Chapter::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The step folder whose number is {@code number} (01, 02, ...), if there is one. */
    Optional<String> stepNumbered(int number) {
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory)
                    .map(d -> d.getFileName().toString())
                    .filter(name -> {
                        Matcher m = STEP_FOLDER.matcher(name);
                        return m.matches() && Integer.parseInt(m.group(1)) == number;
                    })
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The step folder a chapter is about: the one named like the chapter after its number
     * ("08-many-servers.md" is about "step07-many-servers"), since chapter 07 is about no step of its own.
     */
    Optional<String> stepOf(Chapter chapter) {
        Optional<String> named = chapter.step();
        if (named.isEmpty()) {
            return Optional.empty();
        }
        String suffix = named.get().substring("stepNN".length());
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory)
                    .map(d -> d.getFileName().toString())
                    .filter(name -> STEP_FOLDER.matcher(name).matches() && name.substring("stepNN".length()).equals(suffix))
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The step folder just before {@code step} ("step06-engines" for "step07-many-servers"), if there is one. */
    Optional<String> stepBefore(String step) {
        return stepNumbered(Integer.parseInt(step.substring("step".length(), "stepNN".length())) - 1);
    }

    /** Every file under the step folders' src/ (main and test), in path order. */
    Stream<Path> stepSources() {
        try (Stream<Path> dirs = Files.list(root)) {
            List<Path> sources = new ArrayList<>();
            for (Path dir : dirs.filter(d -> STEP_FOLDER.matcher(d.getFileName().toString()).matches()).toList()) {
                Path src = dir.resolve("src");
                if (Files.isDirectory(src)) {
                    try (Stream<Path> files = Files.walk(src)) {
                        files.filter(Files::isRegularFile).forEach(sources::add);
                    }
                }
            }
            return sources.stream().sorted();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The modules the root pom builds; commented-out ones do not count. */
    List<String> modules() {
        String pom = read(root.resolve("pom.xml")).replaceAll("(?s)<!--.*?-->", "");
        Matcher m = Pattern.compile("<module>\\s*([^<]+?)\\s*</module>").matcher(pom);
        List<String> modules = new ArrayList<>();
        while (m.find()) {
            modules.add(m.group(1));
        }
        return modules;
    }

    Path resolve(String relative) {
        return root.resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
