package locallibrary.catalog;

import io.undertow.server.HttpServerExchange;
import java.util.Map;
import locallibrary.sessions.Session;
import locallibrary.web.Response;
import locallibrary.web.Templates;

/** The LocalLibrary's views (Django's {@code catalog/views.py}). */
public final class Views {

    private final Catalog catalog;

    public Views(Catalog catalog) {
        this.catalog = catalog;
    }

    // region:index
    /** The home page: MDN's index view, with the visit counter of its chapter on sessions. */
    public Response index(HttpServerExchange request) throws Exception {
        // Generate counts of some of the main objects
        Catalog.Counts counts = catalog.counts();
        // region:num-visits
        // Number of visits to this page by this browser, as counted in its session.
        Session session = Session.of(request);
        int numVisits = session.get("num_visits", 0, Integer.class) + 1;
        session.put("num_visits", numVisits);
        // endregion:num-visits
        return Response.html(Templates.render("index.ftlh", Map.of(
                "num_books", counts.books(),
                "num_instances", counts.copies(),
                "num_instances_available", counts.copiesAvailable(),
                "num_authors", counts.authors(),
                "num_visits", numVisits)));
    }
    // endregion:index

    // region:visit
    /** pythontutorial.net's example: a count of its own, under the key "visit", as a bare line of text. */
    public Response visit(HttpServerExchange request) {
        Session session = Session.of(request);
        session.put("visit", session.get("visit", 0, Integer.class) + 1);
        return Response.html("Visit count:" + session.get("visit"));
    }
    // endregion:visit

    // region:lessons
    // Three pages that exist only for chapter 04: each makes one rule of SessionMiddleware happen.
    // Their panel (or, for the crash, the response headers) shows what the middleware decided.

    /** Reads the count without counting: the session is accessed but not modified. */
    public Response visitPeek(HttpServerExchange request) throws Exception {
        int visit = Session.of(request).get("visit", 0, Integer.class);
        return lesson("Peek at the visit count", "Visit count:" + visit + " (read, not counted)");
    }

    /** Ends the session, as a logout does: the stored session and the key are gone. */
    public Response visitFlush(HttpServerExchange request) throws Exception {
        Session.of(request).flush();
        return lesson("Session flushed", "The session is gone: its row is deleted, and your browser is told to"
                + " delete its cookie.");
    }

    /** Counts a visit, then fails: the response is a 500, and a 500 saves nothing. */
    public Response visitCrash(HttpServerExchange request) {
        Session session = Session.of(request);
        session.put("visit", session.get("visit", 0, Integer.class) + 1);
        throw new IllegalStateException("this view fails on purpose (chapter 04): the visit it counted is not saved");
    }

    private static Response lesson(String title, String result) throws Exception {
        return Response.html(Templates.render("lesson.ftlh", Map.of("title", title, "result", result)));
    }
    // endregion:lessons
}
