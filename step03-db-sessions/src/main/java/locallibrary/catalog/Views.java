package locallibrary.catalog;

import io.undertow.server.HttpServerExchange;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import locallibrary.sessions.Session;
import locallibrary.web.Response;
import locallibrary.web.Templates;

/** The LocalLibrary's views (Django's {@code catalog/views.py}). */
public final class Views {

    // region:server-counter
    // One number for the whole server: every browser's request moves it, and a restart resets it.
    private final AtomicLong pageViews = new AtomicLong();
    // endregion:server-counter

    // region:index
    /** The home page. */
    public Response index(HttpServerExchange request) throws Exception {
        long numRequests = pageViews.incrementAndGet();
        // region:num-visits
        // Number of visits to this page by this browser, as counted in its session.
        Session session = Session.of(request);
        int numVisits = session.get("num_visits", 0) + 1;
        session.put("num_visits", numVisits);
        // endregion:num-visits
        return Response.html(Templates.render("index.ftlh", Map.of(
                "num_requests", numRequests,
                "num_visits", numVisits)));
    }
    // endregion:index
}
