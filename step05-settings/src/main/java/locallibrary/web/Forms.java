package locallibrary.web;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.form.FormData;
import io.undertow.server.handlers.form.FormDataParser;
import io.undertow.server.handlers.form.FormParserFactory;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The fields of a submitted form: Django's {@code request.POST}, one value per name. */
public final class Forms {

    private static final FormParserFactory PARSERS = FormParserFactory.builder().build();

    /**
     * The posted fields, or none for a GET. It reads the body, so it must run on a worker thread, as every
     * view does (behind the BlockingHandler in Main).
     */
    public static Map<String, String> post(HttpServerExchange request) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        FormDataParser parser = PARSERS.createParser(request);
        if (parser == null) {
            return fields; // no form in this request (a GET, or a body that is not a form)
        }
        FormData form = parser.parseBlocking();
        for (String name : form) {
            FormData.FormValue value = form.getFirst(name);
            if (!value.isFileItem()) {
                fields.put(name, value.getValue());
            }
        }
        return fields;
    }

    private Forms() {
    }
}
