package locallibrary.sessions;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "This session's story" in the panel: the last few requests of each session on this server, so that a
 * learner sees cookie, key and decision over time without browser tools. Kept in memory only, and bounded:
 * at most {@link #REQUESTS} lines for each of at most {@link #SESSIONS} keys (the least recently used go).
 * When the key changes (cycle_key, a new session after a forged or expired key) the story moves with it.
 */
final class SessionStory {

    static final int REQUESTS = 8;
    static final int SESSIONS = 1000;

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
    synchronized List<String> add(String before, String after, String line) {
        Deque<String> story = before == null ? null : stories.remove(before);
        if (story == null) {
            story = new ArrayDeque<>();
        }
        story.addLast(line);
        while (story.size() > REQUESTS) {
            story.removeFirst();
        }
        String key = after != null ? after : before;
        if (key == null) {
            return List.of();
        }
        // A session that ended (flush) keeps its story under the old key until it is pushed out.
        stories.put(key, story);
        return new ArrayList<>(story);
    }
}
