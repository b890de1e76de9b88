package locallibrary;

import io.undertow.server.HttpHandler;
import locallibrary.catalog.Catalog;
import locallibrary.catalog.Views;
import locallibrary.playground.PlaygroundViews;
import locallibrary.web.Response;
import locallibrary.web.Routes;

/**
 * The routes, Django's {@code urls.py}: a path and a method lead to one view (HEAD goes where GET goes);
 * an unknown path is a 404, a method the path does not take a 405.
 */
public final class Urls {

    // region:patterns
    public static HttpHandler patterns(Catalog catalog) {
        Views views = new Views(catalog);
        PlaygroundViews playground = new PlaygroundViews();
        return new Routes()
                .get("/", Response.view(views::index))
                .get("/visit", Response.view(views::visit))
                // Only for chapter 04's lessons on the middleware's rules.
                .get("/visit/peek", Response.view(views::visitPeek))
                .get("/visit/flush", Response.view(views::visitFlush))
                .get("/visit/crash", Response.view(views::visitCrash))
                // Chapter 05's pages: a GET shows, a POST acts.
                .get("/session", Response.view(playground::session))
                .post("/session", Response.view(playground::session))
                .get("/session/peek", Response.view(playground::sessionPeek))
                .get("/car", Response.view(playground::car))
                .post("/car", Response.view(playground::car))
                .get("/cookies", Response.view(playground::cookies))
                .post("/cookies", Response.view(playground::cookies))
                // Any other path, /favicon.ico included, touches nothing and gets Django's plain 404.
                .setFallbackHandler(Response::notFound);
    }
    // endregion:patterns

    private Urls() {
    }
}
