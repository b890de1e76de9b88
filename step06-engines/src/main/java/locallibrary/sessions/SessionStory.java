package locallibrary.sessions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "This session's story" in the panel: the last few requests of each session on this server, so that a
 * learner sees cookie, key and decision over time without browser tools. Kept in memory only, and bounded:
 * at most {@link #REQUESTS} lines for each of at most {@link #SESSIONS} keys (the least recently used go).
 * When the key changes (cycle_key, a new session after a forged or expired key) the story moves with it.
 * A request's head can be 1 MB, cookie and path included, so the story keeps no more of it than it shows:
 * each key as a digest, each line cut at {@link #LINE_LENGTH} characters (under 2 million in all).
 */
final class SessionStory {

    static final int REQUESTS = 8;
    static final int SESSIONS = 1000;
    /** Room for a line about any link of this site; a line is cut only after a made-up, long path. */
    static final int LINE_LENGTH = 200;

    /** Insertion order refreshed on every use, so the eldest entry is the session left alone longest. */
    private final Map<String, Deque<String>> stories = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<String>> eldest) {
            return size() > SESSIONS;
        }
    };

    /**
     * Adds one request's line to the story of the key the browser sent ({@code before}) and files the story
     * under the key it carries now ({@code after}); returns the story, oldest first. No key at all: no story.
     */
    List<String> add(String before, String after, String line) {
        String key = after != null ? after : before;
        if (key == null) {
            return List.of();
        }
        // Worked out before taking the lock: a digest of a 1 MB cookie takes a millisecond or two.
        String from = before == null ? null : digest(before);
        String to = key.equals(before) ? from : digest(key);
        String shortLine = line.length() > LINE_LENGTH ? line.substring(0, LINE_LENGTH) + "..." : line;
        synchronized (stories) {
            Deque<String> story = from == null ? null : stories.remove(from);
            if (story == null) {
                story = new ArrayDeque<>();
            }
            story.addLast(shortLine);
            while (story.size() > REQUESTS) {
                story.removeFirst();
            }
            // A session that ended (flush) keeps its story under the old key until it is pushed out.
            stories.put(to, story);
            return new ArrayList<>(story);
        }
    }

    /** The characters the story keeps, keys and lines: what its memory grows with (a test bounds it). */
    long charactersKept() {
        synchronized (stories) {
            long characters = 0;
            for (Map.Entry<String, Deque<String>> entry : stories.entrySet()) {
                characters += entry.getKey().length();
                for (String line : entry.getValue()) {
                    characters += line.length();
                }
            }
            return characters;
        }
    }

    /**
     * The key as 64 hexadecimal characters, whatever its length: a forged cookie can be as long as the head
     * allows. SHA-256, so that nobody can make up a cookie with another session's digest, and read its story.
     */
    private static String digest(String key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
