package locallibrary.web;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import locallibrary.BadRequest;

/** The fields of a submitted form: Django's {@code request.POST}, one value per name. */
public final class Forms {

    /** Django's DATA_UPLOAD_MAX_NUMBER_FIELDS: more fields than this is an attack, not a form. */
    public static final int MAX_NUMBER_FIELDS = 1000;

    /**
     * The posted fields. Only a POST has them: a GET only shows, whatever body it carries. The body was
     * read in full by {@link RequestBody}, and is decoded as UTF-8, the charset our pages declare.
     *
     * @throws BadRequest for a malformed form or more than {@link #MAX_NUMBER_FIELDS} fields (a 400)
     */
    public static Map<String, String> post(HttpServerExchange request) {
        Map<String, String> fields = new LinkedHashMap<>();
        String type = request.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        if (!request.getRequestMethod().toString().equals("POST") || type == null
                || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return fields; // no form in this request (a GET, or a body that is not a form)
        }
        String body = new String(RequestBody.of(request), StandardCharsets.UTF_8);
        if (body.isEmpty()) {
            return fields;
        }
        // Counted as Django counts them (Python's parse_qsl): one more than the '&'s, empty fields too,
        // so that 5,000 '&'s alone are refused as Django refuses them.
        long count = 1 + body.chars().filter(c -> c == '&').count();
        if (count > MAX_NUMBER_FIELDS) {
            throw new BadRequest("The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS ("
                    + MAX_NUMBER_FIELDS + ")");
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue; // "a=1&&b=2": Python's parse_qsl skips the empty piece too
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            // A name sent twice keeps its last value, as request.POST['name'] gives.
            fields.put(decode(name), decode(value));
        }
        return fields;
    }

    /** "caf%C3%A9+noir" becomes "café noir". */
    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("The form is malformed: " + e.getMessage());
        }
    }

    private Forms() {
    }
}
