package tutorial;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The command-line tools that the chapters' quoted commands run and a fresh machine may lack (curl, sqlite3),
 * with the command that installs each.
 *
 * <p>{@code mvn verify} runs this file as a program before anything else (see the root pom:
 * {@code java tutorial/src/test/java/tutorial/CommandLineTools.java}), so that a missing tool stops the build
 * in its first seconds with one line naming it, instead of a cascade of mismatches minutes later. As a
 * single-file program it may use no other class of this folder.
 */
final class CommandLineTools {

    /** A tool to install, and its package on Debian/Ubuntu (apt) and on macOS (Homebrew). */
    record Tool(String name, String aptPackage, String brewFormula) {
    }

    static final List<Tool> TO_INSTALL = List.of(
            new Tool("curl", "curl", "curl"),
            new Tool("sqlite3", "sqlite3", "sqlite"),
            new Tool("pkill", "procps", "proctools"));

    /** What the chapters run too, but every Linux and macOS has: bash, its builtins, coreutils, grep and awk. */
    static final Set<String> EVERYWHERE = Set.of("bash", "echo", "grep", "base64", "rm", "awk", "seq", "mkdir",
            "ls", "wc");

    /** Words of the shell's own loops and conditions: the program, if any, is the word after them. */
    private static final Set<String> SHELL_WORDS = Set.of("for", "do", "done", "if", "then", "else", "fi", "while",
            "until", "!");

    /** Exits with status 1 and one line on standard error if a tool is missing; prints nothing otherwise. */
    public static void main(String[] args) {
        List<Tool> missing = missing(TO_INSTALL, System.getenv("PATH"));
        if (!missing.isEmpty()) {
            System.err.println(message(missing));
            System.exit(1);
        }
    }

    /** The tools that no folder of {@code path} (a PATH value) holds as an executable file. */
    static List<Tool> missing(List<Tool> tools, String path) {
        List<Tool> missing = new ArrayList<>();
        for (Tool tool : tools) {
            boolean found = false;
            for (String folder : (path == null ? "" : path).split(File.pathSeparator)) {
                for (String file : List.of(tool.name(), tool.name() + ".exe")) { // .exe: Windows
                    Path candidate = Path.of(folder.isEmpty() ? "." : folder, file);
                    found |= Files.isRegularFile(candidate) && Files.isExecutable(candidate);
                }
            }
            if (!found) {
                missing.add(tool);
            }
        }
        return missing;
    }

    /** The tools to install that these command lines run, and that {@code path} lacks. */
    static List<Tool> missingFor(List<String> commandLines, String path) {
        Set<String> run = new LinkedHashSet<>();
        commandLines.forEach(line -> run.addAll(programs(line)));
        return missing(TO_INSTALL.stream().filter(tool -> run.contains(tool.name())).toList(), path);
    }

    /** One line: which tools are missing and the command that installs them. */
    static String message(List<Tool> missing) {
        String names = missing.stream().map(Tool::name).collect(Collectors.joining(" and "));
        String apt = missing.stream().map(Tool::aptPackage).collect(Collectors.joining(" "));
        String brew = missing.stream().map(Tool::brewFormula).collect(Collectors.joining(" "));
        return "The chapters' commands need " + names + ", not found on the PATH. Install "
                + (missing.size() == 1 ? "it" : "them") + ": sudo apt-get install " + apt
                + " (Debian/Ubuntu) or brew install " + brew + " (macOS).";
    }

    /**
     * The programs a command line runs: the first word of each part between {@code |}, {@code ;}, {@code &}
     * and {@code $(}. Quoted text is skipped first, so that {@code grep -E 'a|b'} is one part; a
     * double-quoted {@code "$(...)"} is kept, as the shell runs what is inside.
     */
    static Set<String> programs(String commandLine) {
        String unquoted = commandLine.replaceAll("'[^']*'", "''").replaceAll("\"[^\"$]*\"", "\"\"");
        Set<String> programs = new LinkedHashSet<>();
        for (String part : unquoted.split("[|;&\\n]|\\$\\(")) {
            List<String> words = List.of(part.strip().split("\\s+"));
            int at = 0;
            while (at < words.size() && SHELL_WORDS.contains(words.get(at))) {
                at = words.get(at).equals("for") ? words.size() : at + 1; // "for i in ...": no program
            }
            String first = at < words.size() ? words.get(at).replaceAll("^[(\"]+", "") : "";
            if (!first.isEmpty()) {
                programs.add(first);
            }
        }
        return programs;
    }

    private CommandLineTools() {
    }
}
