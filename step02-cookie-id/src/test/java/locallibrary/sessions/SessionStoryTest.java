package locallibrary.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The panel's story keeps a bounded amount, whatever the cookies and paths that clients send. */
class SessionStoryTest {

    @Test
    void hugeCookiesAndPathsKeepTheStoryUnderTwoMillionCharacters() {
        SessionStory story = new SessionStory();
        String hugePath = "GET /" + "a".repeat(400_000);
        String longCookie = "k".repeat(20_000);
        // More sessions than the story keeps, each with more requests than it keeps.
        for (int session = 0; session < SessionStory.SESSIONS + 100; session++) {
            String key = session + longCookie;
            for (int request = 0; request <= SessionStory.REQUESTS; request++) {
                story.add(key, key, hugePath);
            }
        }
        // Without the bounds: 1,000 keys of 20,000 characters and 8,000 lines of 400,000.
        assertTrue(story.charactersKept() < 2_000_000, story.charactersKept() + " characters");
        List<String> last = story.add(SessionStory.SESSIONS + 99 + longCookie, null, hugePath);
        assertEquals(SessionStory.REQUESTS, last.size());
        assertEquals(hugePath.substring(0, SessionStory.LINE_LENGTH) + "...", last.get(0));
    }

    @Test
    void longKeysThatDifferOnlyAtTheEndKeepTheirOwnStories() {
        // Two long values that begin alike: the whole key counts, not its first characters.
        String first = "v".repeat(5_000) + "1";
        String second = "v".repeat(5_000) + "2";
        SessionStory story = new SessionStory();
        story.add(null, first, "GET / (first)");
        story.add(null, second, "GET / (second)");
        assertEquals(List.of("GET / (first)", "GET /visit (first)"), story.add(first, first, "GET /visit (first)"));
        // A new key (cycle_key): the story moves with it.
        String cycled = "w".repeat(5_000);
        story.add(second, cycled, "POST /cycle (second)");
        assertEquals(List.of("GET / (second)", "POST /cycle (second)", "GET / (second)"),
                story.add(cycled, cycled, "GET / (second)"));
    }
}
