package locallibrary.web;

import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;

/** FreeMarker, set up once: Django's template engine, in Java. */
public final class Templates {

    private static final Configuration CONFIG = new Configuration(Configuration.VERSION_2_3_34);

    static {
        CONFIG.setClassForTemplateLoading(Templates.class, "/templates");
        CONFIG.setDefaultEncoding("UTF-8");
        // .ftlh templates escape HTML in every ${value}, as Django's templates do.
        CONFIG.setRecognizeStandardFileExtensions(true);
        // 1000, not "1,000": numbers print as Django prints them.
        CONFIG.setNumberFormat("c");
        // A template error is a bug: fail the request (a 500), never print half a page.
        CONFIG.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        CONFIG.setLogTemplateExceptions(false);
        CONFIG.setFallbackOnNullLoopVariable(false);
    }

    /** Renders a template to text (Django's {@code render_to_string}). */
    public static String render(String name, Map<String, ?> context) throws IOException, TemplateException {
        StringWriter out = new StringWriter();
        CONFIG.getTemplate(name).process(context, out);
        return out.toString();
    }

    private Templates() {
    }
}
