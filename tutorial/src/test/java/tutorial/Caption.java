package tutorial;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The visible line right above a listing that tells the reader where the code lives: the file, as a link
 * a reader can follow, and the method when the region is made of methods.
 * <pre>
 *     *[step02-cookie-id/…/sessions/Session.java](../step02-cookie-id/src/main/java/locallibrary/sessions/Session.java), `load()`:*
 *     &lt;!-- listing: step02-cookie-id/src/main/java/locallibrary/sessions/Session.java#load --&gt;
 *     ```java
 * </pre>
 * The listing's own comment is invisible on GitHub; the caption is what a reader sees. The update mode
 * writes it, the normal mode checks it.
 */
final class Caption {

    /** A caption is an italic line that begins with a link: {@code *[...](...)...*}. */
    private static final Pattern CAPTION = Pattern.compile("^\\*\\[[^\\]]*\\]\\([^)]*\\).*\\*\\s*$");
    /** The folders every step has before the interesting part of a path. */
    private static final Pattern SOURCE_ROOT = Pattern.compile("^(step[^/]+)/src/(?:main|test)/(?:java/locallibrary|resources)/(.+)$");
    /** A method or constructor declared at the region's outer level: modifiers, a type, a name, "(". */
    private static final Pattern METHOD = Pattern.compile(
            "^(?:(?:public|protected|private|static|final|abstract|synchronized|default)\\s+)*"
                    + "(?:<[^>]*>\\s+)?(?:[\\w.\\[\\]?]+(?:<[^=;(]*>)?(?:\\[\\])*\\s+)?(\\w+)\\s*\\([^;=]*$");
    /** Words that make a line with "name(" a statement or a type, not a method. */
    private static final Pattern NOT_A_METHOD = Pattern.compile(
            "^(?:(?:if|for|while|switch|catch|synchronized|try)\\s*\\(|(?:return|new|throw|else|case)\\b)"
                    + "|\\b(?:class|interface|enum|record)\\s");

    private Caption() {
    }

    static boolean is(String line) {
        return CAPTION.matcher(line).matches();
    }

    /**
     * The caption of the listing {@code reference} ("step02-cookie-id/src/.../Session.java#load") whose
     * code is {@code shown}, as a chapter in tutorial/ writes it. {@code source} is the whole file, to name
     * the method a region lies inside ("in `handleRequest()`").
     */
    static String of(String reference, List<String> shown, List<String> source) {
        int hash = reference.indexOf('#');
        String path = hash < 0 ? reference : reference.substring(0, hash);
        Matcher m = SOURCE_ROOT.matcher(path);
        String label = m.matches() ? m.group(1) + "/…/" + m.group(2) : path;
        String what = "";
        if (hash >= 0) {
            List<String> methods = methods(shown);
            String around = around(source, reference.substring(hash + 1));
            what = !methods.isEmpty() ? ", `" + String.join("`, `", methods) + "`"
                    : around != null ? ", in `" + around + "`" : "";
        }
        return "*[" + label + "](../" + path + ")" + what + ":*";
    }

    /** "name()" of the method the region's first piece lies inside, or null if it lies outside any method. */
    private static String around(List<String> source, String name) {
        Pattern start = Pattern.compile("\\bregion:" + Pattern.quote(name) + "(?![\\w-])");
        int at = 0;
        while (at < source.size() && !start.matcher(source.get(at)).find()) {
            at++;
        }
        if (at == source.size()) {
            return null;
        }
        int indent = indent(source.get(at));
        for (int i = at - 1; i >= 0; i--) {
            String line = source.get(i);
            if (line.isBlank() || indent(line) >= indent) {
                continue;
            }
            String code = line.strip();
            if (code.startsWith("/") || code.startsWith("*") || code.startsWith("@") || code.startsWith("}")) {
                continue;
            }
            Matcher m = METHOD.matcher(code);
            boolean method = m.find() && !NOT_A_METHOD.matcher(code).find();
            if (method) {
                return m.group(1) + "()";
            }
            if (code.endsWith("{") && !code.contains("(")) {
                return null; // a class, not a method
            }
            indent = indent(line); // a block inside the method (if, try, a lambda): keep going up
        }
        return null;
    }

    private static int indent(String line) {
        return line.length() - line.stripLeading().length();
    }

    /**
     * "name()" for each method the region declares at its outer level, if that is all it declares there
     * (comments, annotations, closing braces and elisions aside); otherwise none: the region is not methods.
     */
    private static List<String> methods(List<String> shown) {
        Set<String> methods = new LinkedHashSet<>();
        for (String line : shown) {
            if (line.isBlank() || Character.isWhitespace(line.charAt(0))) {
                continue; // inside a method, or between two
            }
            String code = line.strip();
            if (code.startsWith("/") || code.startsWith("*") || code.startsWith("@") || code.startsWith("}")) {
                continue;
            }
            Matcher m = METHOD.matcher(code);
            if (!m.find() || NOT_A_METHOD.matcher(code).find() || NOT_A_METHOD.matcher(m.group(1)).matches()) {
                return List.of();
            }
            methods.add(m.group(1) + "()");
        }
        return List.copyOf(methods);
    }
}
