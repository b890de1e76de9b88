package locallibrary.web;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reading the Cookie header and writing Set-Cookie headers exactly as Django does, so that what a
 * learner sees here is what Django sends. (Undertow's own cookie classes order and date attributes
 * differently.)
 */
public final class Cookies {

    /** Django's http_date: "Tue, 08 Dec 2026 01:06:59 GMT" (two-digit day, always GMT). */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    // region:parse
    /**
     * The cookies the browser sent, by name. Like Django's parse_cookie it never fails: a piece without
     * "=" is skipped, quotes are removed, and when a name comes twice the last value wins.
     */
    public static Map<String, String> parse(HttpServerExchange request) {
        Map<String, String> cookies = new HashMap<>();
        HeaderValues headers = request.getRequestHeaders().get(Headers.COOKIE);
        if (headers == null) {
            return cookies;
        }
        for (String header : headers) {
            for (String chunk : header.split(";")) {
                int equals = chunk.indexOf('=');
                String name = equals < 0 ? "" : chunk.substring(0, equals).trim();
                String value = (equals < 0 ? chunk : chunk.substring(equals + 1)).trim();
                if (!name.isEmpty() || !value.isEmpty()) {
                    cookies.put(name, unquote(value));
                }
            }
        }
        return cookies;
    }
    // endregion:parse

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        return value;
    }

    // region:set-cookie
    /**
     * The Set-Cookie header Django's set_cookie writes: attributes in its order (alphabetical by
     * Python's names), "expires" in lower case, the date in RFC 1123 form, flags without values.
     */
    public static String setCookie(Cookie cookie) {
        StringBuilder header = new StringBuilder(cookie.name()).append('=').append(cookie.value());
        if (cookie.domain() != null) {
            header.append("; Domain=").append(cookie.domain());
        }
        if (cookie.expires() != null) {
            header.append("; expires=").append(HTTP_DATE.format(cookie.expires()));
        }
        if (cookie.httpOnly()) {
            header.append("; HttpOnly");
        }
        if (cookie.maxAge() != null) {
            header.append("; Max-Age=").append(cookie.maxAge());
        }
        header.append("; Path=").append(cookie.path());
        if (cookie.sameSite() != null) {
            header.append("; SameSite=").append(cookie.sameSite());
        }
        if (cookie.secure()) {
            header.append("; Secure");
        }
        return header.toString();
    }
    // endregion:set-cookie

    // region:delete-cookie
    /**
     * The Set-Cookie header Django's delete_cookie writes: an empty value that expired in 1970, so the
     * browser drops the cookie at once. It names the same Path, Domain and SameSite as the cookie it
     * replaces, but neither HttpOnly nor, unless the browser insists on it, Secure.
     */
    public static String deleteCookie(String name, String path, String domain, String sameSite) {
        // Browsers ignore a __Secure- or __Host- cookie, or a SameSite=None one, that lacks Secure.
        boolean secure = name.startsWith("__Secure-") || name.startsWith("__Host-")
                || "none".equalsIgnoreCase(sameSite);
        return setCookie(new Cookie(name, "\"\"").maxAge(0).expires(Instant.EPOCH)
                .domain(domain).path(path).secure(secure).sameSite(sameSite));
    }
    // endregion:delete-cookie

    private Cookies() {
    }
}
