package locallibrary.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cookie headers are Django's, to the character (../shared/reference/django-headers.md). */
class CookiesTest {

    @Test
    void setCookieMatchesRealDjango() {
        // Captured from Django 3.2: defaults, session saved.
        assertEquals("sessionid=dv993j0rj4h66cp2gqzdqeb9m2psyr34; expires=Tue, 08 Dec 2026 01:06:59 GMT; "
                + "HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax",
                Cookies.setCookie(new Cookie("sessionid", "dv993j0rj4h66cp2gqzdqeb9m2psyr34").maxAge(1209600)
                        .expires(Instant.parse("2026-12-08T01:06:59Z")).httpOnly(true).sameSite("Lax")));
    }

    @Test
    void eachAttributeIsWrittenInDjangosOrderWhateverOrderItWasSetIn() {
        // Django sorts the attributes by their Python names (django-headers.md), not by the call's order.
        assertEquals("k=v; Domain=localhost; expires=Tue, 08 Dec 2026 01:07:06 GMT; HttpOnly; Max-Age=60; "
                + "Path=/library; SameSite=Strict; Secure",
                Cookies.setCookie(new Cookie("k", "v").secure(true).sameSite("Strict").path("/library")
                        .maxAge(60).httpOnly(true).domain("localhost").expires(Instant.parse("2026-12-08T01:07:06Z"))));
        assertEquals("k=v; Path=/", Cookies.setCookie(new Cookie("k", "v")), "Django's defaults: Path=/ only");
    }

    @Test
    void theDayOfTheMonthHasTwoDigits() {
        assertEquals("a=b; expires=Tue, 01 Dec 2026 00:00:00 GMT; Max-Age=1; Path=/",
                Cookies.setCookie(new Cookie("a", "b").maxAge(1).expires(Instant.parse("2026-12-01T00:00:00Z"))));
    }

    @Test
    void deleteCookieMatchesRealDjango() {
        // Captured from Django 3.2: the browser sent a session cookie, the session ended up empty.
        assertEquals("sessionid=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax",
                Cookies.deleteCookie("sessionid", "/", null, "Lax"));
    }

    @Test
    void deleteCookieAddsSecureWhereBrowsersRequireIt() {
        assertEquals("sessionid=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=None; Secure",
                Cookies.deleteCookie("sessionid", "/", null, "None"));
        assertEquals("__Host-sessionid=\"\"; Domain=example.com; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0;"
                + " Path=/; Secure",
                Cookies.deleteCookie("__Host-sessionid", "/", "example.com", null));
    }

    @Test
    void parseIsForgivingLikeDjangos() {
        assertEquals(Map.of("sessionid", "abc", "csrftoken", "x"), parse("sessionid=abc; csrftoken=x"));
        assertEquals(Map.of("sessionid", "second"), parse("sessionid=first; sessionid=second"));
        assertEquals(Map.of("sessionid", "quoted"), parse("sessionid=\"quoted\""));
        assertEquals(Map.of("", "lonely", "a", "1"), parse("lonely; a=1"));
        assertEquals(Map.of(), parse(";;; "));
    }

    private static Map<String, String> parse(String header) {
        HttpServerExchange request = new HttpServerExchange(null);
        request.getRequestHeaders().put(Headers.COOKIE, header);
        return Cookies.parse(request);
    }
}
