package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.logging.LogRecord;
import locallibrary.web.Forms;
import locallibrary.web.Response;
import org.junit.jupiter.api.Test;

/** A malformed form, or one of more than 1,000 fields, is the client's mistake: 400 and one log line. */
class BadFormsGet400Test {

    @Test
    void moreThanAThousandFieldsOrABadEscapeGet400AndLeaveOtherSessionsIntact() throws Exception {
        try (TestServer server = TestServer.start(); LogRecords log = LogRecords.of(Response.class.getName())) {
            Browser other = new Browser();
            other.post(server.url("/session"), Map.of("action", "set", "key", "color", "value", "blue"));

            Browser attacker = new Browser();
            String thousandAndOne = "action=set&key=k&value=v" + "&f=1".repeat(Forms.MAX_NUMBER_FIELDS - 2);
            var tooMany = attacker.send("POST", server.url("/session"), thousandAndOne);
            assertEquals(400, tooMany.statusCode());
            assertEquals("<h1>Bad Request (400)</h1>", tooMany.body());
            assertEquals(400, attacker.send("POST", server.url("/session"), "action=set&key=%E9%ZZ").statusCode());
            // Exactly 1,000 fields is still a form.
            String thousand = "action=set&key=k&value=v" + "&f=1".repeat(Forms.MAX_NUMBER_FIELDS - 3);
            assertEquals(200, attacker.send("POST", server.url("/session"), thousand).statusCode());

            assertEquals(2, log.all().size());
            for (LogRecord record : log.all()) {
                assertTrue(record.getMessage().startsWith("Bad Request: /session: "), record.getMessage());
                assertNull(record.getThrown());
            }
            assertTrue(other.get(server.url("/session")).body().contains("<td><code>color</code></td>"));
        }
    }

    @Test
    void emptyFieldsCountAsDjangoCountsThemOneMoreThanTheAmpersands() throws Exception {
        try (TestServer server = TestServer.start(); LogRecords log = LogRecords.of(Response.class.getName())) {
            Browser attacker = new Browser();
            // Django's parse_qsl counts 1 + the number of '&': 1,000 of them are 1,001 (empty) fields.
            assertEquals(400, attacker.send("POST", server.url("/session"), "&".repeat(1000)).statusCode());
            assertEquals(400, attacker.send("POST", server.url("/session"), "&".repeat(5000)).statusCode());
            // Exactly 1,000 fields, 997 of them empty, is still a form.
            String thousand = "action=set&key=k&value=v" + "&".repeat(Forms.MAX_NUMBER_FIELDS - 3);
            assertEquals(200, attacker.send("POST", server.url("/session"), thousand).statusCode());

            assertEquals(2, log.all().size());
            for (LogRecord record : log.all()) {
                assertTrue(record.getMessage().startsWith("Bad Request: /session: The number of GET/POST parameters"),
                        record.getMessage());
                assertNull(record.getThrown());
            }
        }
    }
}
