package locallibrary;

import static locallibrary.RawHttp.utf8Bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bad input in the Cookie header gets Django's answer (a fresh session) or, for bytes HTTP does not allow,
 * Undertow's plain 400: never a 500, never another visitor's session, and the other sessions stay as they
 * were. Alice is that other visitor: after every attack her count goes on from where it was.
 */
class BadCookieTest {

    private static final String FRESH = "You have visited this page 1 time.";

    @Test
    void keysTheServerNeverMadeStartAFreshSessionAndNeverReachAnotherOne() throws Exception {
        try (TestServer server = TestServer.start()) {
            String alice = firstVisit(server);
            List<String> badKeys = List.of(
                    "abcdefghijklmnopqrstuvwxyz012345", // well formed, but never made by this server
                    "short", // too short to be a key
                    alice.toUpperCase(), // keys are compared exactly, not ignoring case
                    alice.substring(0, 31), // one character short of Alice's
                    alice + "0", // one character more
                    "x' OR '1'='1", // the store never builds SQL from the key
                    "x".repeat(8 * 1024), // 8 KB
                    utf8Bytes("cl\u00e9-\u00fcn\u00efcode-\u2713-0123456789"), // non-ASCII, as UTF-8 bytes
                    "cl\u00e9-latin-1-0123456789", // non-ASCII, the raw byte 0xE9
                    "tab\there-0123456789"); // a tab is the one control character HTTP allows in a header
            for (String bad : badKeys) {
                RawHttp.Answer answer = RawHttp.get(server.url("/"), "Cookie: sessionid=" + bad);
                String sent = bad.substring(0, Math.min(bad.length(), 40));
                assertEquals(200, answer.status(), sent);
                assertEquals(FRESH, answer.visits(), sent);
                assertTrue(answer.newKey().matches("[a-z0-9]{32}"), sent + " got " + answer.newKey());
                assertNotEquals(alice, answer.newKey(), sent);
            }
            assertAliceGoesOn(server, alice, 2);
        }
    }

    @Test
    void malformedCookieHeadersAreReadAsDjangosParseCookieReadsThem() throws Exception {
        try (TestServer server = TestServer.start()) {
            String alice = firstVisit(server);
            // No usable sessionid in any of these: a fresh session, as in Django.
            for (String header : List.of("Cookie: sessionid", "Cookie: =;=;", "Cookie: ;;;", "Cookie: ",
                    "Cookie: sessionid=", "Cookie: sessionid=;", "Cookie: sessionid=\"abcdefghijkl",
                    "Cookie: sessionid=\"\"", "Cookie: \"sessionid=" + alice + "\"")) {
                RawHttp.Answer answer = RawHttp.get(server.url("/"), header);
                assertEquals(200, answer.status(), header);
                assertEquals(FRESH, answer.visits(), header);
                assertNotEquals(alice, answer.newKey(), header);
            }
            // Quotes around a value and spaces around the "=" are removed, as Django's parse_cookie does.
            assertEquals("You have visited this page 2 times.",
                    RawHttp.get(server.url("/"), "Cookie: sessionid=\"" + alice + "\"").visits());
            assertEquals("You have visited this page 3 times.",
                    RawHttp.get(server.url("/"), "Cookie: csrftoken=x ; sessionid = " + alice + " ;").visits());
            assertAliceGoesOn(server, alice, 4);
        }
    }

    @Test
    void whenSessionidComesSeveralTimesTheLastOneWins() throws Exception {
        try (TestServer server = TestServer.start()) {
            String alice = firstVisit(server);
            String forgedA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
            String forgedB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
            // Alice's key among forged ones, but not last: the last (forged) one is used, a fresh session.
            RawHttp.Answer hidden = RawHttp.get(server.url("/"),
                    "Cookie: sessionid=" + forgedA + "; sessionid=" + alice + "; sessionid=" + forgedB);
            assertEquals(FRESH, hidden.visits());
            assertFalse(List.of(alice, forgedA, forgedB).contains(hidden.newKey()), hidden.newKey());
            // Alice's key last: her session, as Django would read it.
            RawHttp.Answer last = RawHttp.get(server.url("/"),
                    "Cookie: sessionid=" + forgedA + "; sessionid=" + forgedB + "; sessionid=" + alice);
            assertEquals("You have visited this page 2 times.", last.visits());
            assertEquals(alice, last.newKey());
            assertAliceGoesOn(server, alice, 3);
        }
    }

    @Test
    void bytesHttpDoesNotAllowInAHeaderGetUndertowsPlain400() throws Exception {
        try (TestServer server = TestServer.start()) {
            String alice = firstVisit(server);
            // Undertow refuses these while reading the request, before any of our code runs.
            for (String line : List.of("Cookie: sessionid=abc\u0001defghijkl", "Cookie: sessionid=abc\u0000defghijkl",
                    "Cookie: sessionid=abc\u007fdefghijkl", "Cookie: sessionid=abc\rdefghijkl",
                    "Cookie: sessionid=" + alice + "\u0007", "Cookie sessionid=" + alice)) {
                RawHttp.Answer answer = RawHttp.get(server.url("/"), line);
                assertEquals(400, answer.status(), line);
                assertEquals("", answer.body(), line);
                assertEquals(List.of(), answer.all("Set-Cookie"), line);
            }
            assertAliceGoesOn(server, alice, 2);
        }
    }

    @Test
    void thePanelShowsWhatTheBrowserSentAsTextNeverAsMarkup() throws Exception {
        try (TestServer server = TestServer.start()) {
            RawHttp.Answer answer = RawHttp.get(server.url("/"), "Cookie: sessionid=<script>alert(1)</script>");
            assertEquals(200, answer.status());
            assertEquals(FRESH, answer.visits());
            assertFalse(answer.body().contains("<script>"), answer.body());
            assertTrue(answer.body().contains("sessionid=&lt;script&gt;alert(1)&lt;/script&gt;"), answer.body());
        }
    }

    /** Alice's first visit: her key. */
    private static String firstVisit(TestServer server) throws Exception {
        RawHttp.Answer first = RawHttp.get(server.url("/"));
        assertEquals(FRESH, first.visits());
        return first.newKey();
    }

    /** Alice comes back after the attacks: her own session, counted on from where it was. */
    private static void assertAliceGoesOn(TestServer server, String alice, int expectedVisits) throws Exception {
        RawHttp.Answer answer = RawHttp.get(server.url("/"), "Cookie: sessionid=" + alice);
        assertEquals("You have visited this page " + expectedVisits + " times.", answer.visits());
        assertEquals(alice, answer.newKey());
    }
}
