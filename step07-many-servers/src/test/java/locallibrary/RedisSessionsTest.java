package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cache engines on a real Redis, through the server: two servers share its sessions; Redis stopped
 * under the cache engine loses them (a cache is not durable), under cached_db they survive in PostgreSQL.
 */
class RedisSessionsTest {

    private static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    /** cached_db: Redis in front of PostgreSQL. */
    private static Map<String, String> cachedDb(RedisServer redis) {
        Map<String, String> settings = new HashMap<>(redis.settings("cached_db"));
        settings.putAll(postgres.settings());
        return settings;
    }

    @Test
    void twoServersOnOneRedisCountOneSessionTogether() throws Exception {
        try (RedisServer redis = RedisServer.start();
                TestServer one = TestServer.start(redis.settings("cache"));
                TestServer two = TestServer.start(redis.settings("cache"));
                WebClient browser = TestServer.browser()) {
            countsOneToSixAlternating(one, two, browser);
        }
    }

    @Test
    void twoServersOnCachedDbCountOneSessionTogether() throws Exception {
        try (RedisServer redis = RedisServer.start();
                TestServer one = TestServer.start(cachedDb(redis));
                TestServer two = TestServer.start(cachedDb(redis));
                WebClient browser = TestServer.browser()) {
            countsOneToSixAlternating(one, two, browser);
        }
    }

    @Test
    void redisStoppedUnderTheCacheEngineAnswers503ThenTheSessionsAreGone() throws Exception {
        try (RedisServer redis = RedisServer.start();
                TestServer server = TestServer.start(redis.settings("cache"));
                WebClient browser = TestServer.browser();
                LogRecords log = LogRecords.of(locallibrary.web.Response.class.getName())) {
            browser.getPage(server.url("/"));
            browser.getPage(server.url("/"));
            String before = browser.getCookieManager().getCookie("sessionid").getValue();
            redis.stop();
            Page down = browser.getPage(server.url("/"));
            assertEquals(503, down.getWebResponse().getStatusCode());
            assertNull(down.getWebResponse().getResponseHeaderValue("Set-Cookie"));
            String line = log.all().get(0).getMessage();
            assertTrue(line.startsWith("Service Unavailable: /: Redis at redis://127.0.0.1:"), line);
            assertTrue(!line.contains("\n"), line);
            // Back, but empty (no persistence, as a cache): the browser starts again with a new session.
            redis.restart();
            assertEquals("You have visited this page 1 time.", numVisits(browser.getPage(server.url("/"))));
            assertNotEquals(before, browser.getCookieManager().getCookie("sessionid").getValue());
        }
    }

    @Test
    void redisStoppedUnderCachedDbLosesNothing() throws Exception {
        try (RedisServer redis = RedisServer.start();
                TestServer server = TestServer.start(cachedDb(redis));
                WebClient browser = TestServer.browser()) {
            browser.getPage(server.url("/"));
            browser.getPage(server.url("/"));
            redis.stop();
            // The database answers alone: slower, but every visit counts.
            assertEquals("You have visited this page 3 times.", numVisits(browser.getPage(server.url("/"))));
            redis.restart();
            assertEquals("You have visited this page 4 times.", numVisits(browser.getPage(server.url("/"))));
            assertEquals("You have visited this page 5 times.", numVisits(browser.getPage(server.url("/"))));
        }
    }

    /** A balancer's round robin: odd visits to one server, even visits to the other, counting 1 to 6. */
    private static void countsOneToSixAlternating(TestServer one, TestServer two, WebClient browser)
            throws Exception {
        for (int visit = 1; visit <= 6; visit++) {
            TestServer server = visit % 2 == 1 ? one : two;
            assertEquals("You have visited this page " + visit + (visit == 1 ? " time." : " times."),
                    numVisits(browser.getPage(server.url("/"))));
        }
    }

    private static String numVisits(Object page) {
        return ((HtmlPage) page).getElementById("num-visits").asNormalizedText();
    }
}
