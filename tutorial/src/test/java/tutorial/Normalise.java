package tutorial;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blots out what differs from run to run (ports, dates, lengths, session keys, signatures) so that a
 * chapter can quote one real run and still match the next one. The chapter's text and the real output
 * both go through the same steps.
 */
final class Normalise {

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");
    private static final Pattern PORT = Pattern.compile("127\\.0\\.0\\.1:\\d+");
    /** RFC 1123, as in a Date header; also with dashes (Tue, 08-Dec-2026), as some cookie expiry dates are written. */
    private static final Pattern HTTP_DATE = Pattern.compile(
            "\\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2}[ -][A-Z][a-z]{2}[ -]\\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
    private static final Pattern RUNSERVER_DATE = Pattern.compile("\\[\\d{2}/[A-Z][a-z]{2}/\\d{4} \\d{2}:\\d{2}:\\d{2}\\]");
    /** A request-log line after the date was replaced: [<date>] "GET / HTTP/1.1" 200 1484, maybe after "server-1 | ". */
    private static final Pattern REQUEST_LOG_SIZE = Pattern.compile(
            "^((?:[a-z0-9-]+ \\| )?\\[<date>\\] \".*\" \\d{3}) \\d+$");
    /** A process id, as step 07's balancer names its app servers: "(pid 12345)". */
    private static final Pattern PID = Pattern.compile("\\bpid \\d+");
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)(Content-Length: *)\\d+");
    private static final Pattern SIGNED = Pattern.compile("[A-Za-z0-9_\\-.]+:[0-9A-Za-z]{6}:[A-Za-z0-9_\\-]{43}");
    private static final Pattern SESSION_KEY = Pattern.compile("\\b[a-z0-9]{32}\\b");
    private static final Pattern SQLITE_DATETIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d+)?");
    private static final Pattern CURL_VERSION = Pattern.compile("curl/[0-9.]+");

    private Normalise() {
    }

    /** Only what any text from a terminal needs: no colours, no CR, no trailing spaces, no trailing blank lines. */
    static List<String> clean(List<String> lines) {
        List<String> cleaned = new ArrayList<>();
        for (String line : lines) {
            cleaned.add(ANSI.matcher(line).replaceAll("").replace("\r", "").stripTrailing());
        }
        while (!cleaned.isEmpty() && cleaned.get(cleaned.size() - 1).isEmpty()) {
            cleaned.remove(cleaned.size() - 1);
        }
        return cleaned;
    }

    /** Splits program output into lines, whatever its line ends. */
    static List<String> lines(String text) {
        return clean(List.of(text.replace("\r\n", "\n").split("\n", -1)));
    }

    /**
     * The whole of one transcript, normalised. Session keys are numbered in order of first appearance
     * across all of it, so "the same key twice" and "a new key" still show.
     */
    static List<String> transcript(List<String> lines) {
        Map<String, String> keys = new LinkedHashMap<>();
        List<String> out = new ArrayList<>();
        for (String line : clean(lines)) {
            line = PORT.matcher(line).replaceAll("127.0.0.1:8000");
            line = HTTP_DATE.matcher(line).replaceAll("<date>");
            line = RUNSERVER_DATE.matcher(line).replaceAll("[<date>]");
            line = REQUEST_LOG_SIZE.matcher(line).replaceAll("$1 <n>");
            line = CONTENT_LENGTH.matcher(line).replaceAll("$1<n>");
            line = SIGNED.matcher(line).replaceAll("<signed>");
            line = numberKeys(line, keys);
            line = SQLITE_DATETIME.matcher(line).replaceAll("<datetime>");
            line = CURL_VERSION.matcher(line).replaceAll("curl/<version>");
            line = PID.matcher(line).replaceAll("pid <pid>");
            out.add(line);
        }
        return out;
    }

    private static String numberKeys(String line, Map<String, String> keys) {
        Matcher m = SESSION_KEY.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String label = keys.computeIfAbsent(m.group(), key -> "<key" + (keys.size() + 1) + ">");
            m.appendReplacement(out, Matcher.quoteReplacement(label));
        }
        m.appendTail(out);
        return out.toString();
    }
}
