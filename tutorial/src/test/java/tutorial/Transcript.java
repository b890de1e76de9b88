package tutorial;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A console block as a chapter quotes it: commands on lines beginning with {@code $ }, each followed by
 * its output. A command line ending with a backslash goes on on the next line, as in a shell.
 */
final class Transcript {

    private static final Pattern EXEC_ARGS = Pattern.compile("-Dexec\\.args=(?:\"([^\"]*)\"|(\\S+))");

    /** One command: its lines as the chapter shows them ("$ curl ..."), the shell text, and the output below it. */
    record Command(List<String> shown, String text, List<String> output) {

        /** {@code mvn ... exec:java} starts the server: the test does not run it, the server is already running. */
        boolean startsTheServer() {
            return text.startsWith("mvn ") && text.contains("exec:java") && !text.contains("-Dexec.args=");
        }

        /**
         * {@code mvn ... exec:java -Dexec.args="clearsessions"} runs a management command instead of the server;
         * its arguments, or null for any other command.
         */
        List<String> managementArguments() {
            Matcher args = EXEC_ARGS.matcher(text);
            if (!text.startsWith("mvn ") || !text.contains("exec:java") || !args.find()) {
                return null;
            }
            String value = args.group(1) != null ? args.group(1) : args.group(2);
            return List.of(value.strip().split("\\s+"));
        }

        /** Every line as the chapter shows it: the command, then its output. */
        List<String> lines() {
            List<String> lines = new ArrayList<>(shown);
            lines.addAll(output);
            return lines;
        }
    }

    private Transcript() {
    }

    static List<Command> parse(List<String> body) {
        List<Command> commands = new ArrayList<>();
        int i = 0;
        while (i < body.size() && body.get(i).isBlank()) {
            i++;
        }
        while (i < body.size()) {
            if (!body.get(i).startsWith("$ ")) {
                throw new AssertionError("a console block quoting a run must begin with a command line \"$ ...\", not: " + body.get(i));
            }
            List<String> shown = new ArrayList<>(List.of(body.get(i)));
            StringBuilder text = new StringBuilder(body.get(i).substring(2));
            while (body.get(i).endsWith("\\") && i + 1 < body.size()) {
                i++;
                shown.add(body.get(i));
                text.append('\n').append(body.get(i));
            }
            i++;
            List<String> output = new ArrayList<>();
            while (i < body.size() && !body.get(i).startsWith("$ ")) {
                output.add(body.get(i));
                i++;
            }
            commands.add(new Command(shown, text.toString().strip(), Normalise.clean(output)));
        }
        return commands;
    }

    /** All commands with the given outputs in place of the quoted ones. */
    static List<String> join(List<Command> commands, List<List<String>> outputs) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            lines.addAll(commands.get(i).shown());
            lines.addAll(outputs.get(i));
        }
        return lines;
    }
}
