package locallibrary;

import io.undertow.server.HttpHandler;
import locallibrary.catalog.Catalog;
import locallibrary.catalog.Views;
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
        return new Routes()
                .get("/", Response.view(views::index))
                .get("/visit", Response.view(views::visit))
                // Only for chapter 04's lessons on the middleware's rules.
                .get("/visit/peek", Response.view(views::visitPeek))
                .get("/visit/flush", Response.view(views::visitFlush))
                .get("/visit/crash", Response.view(views::visitCrash))
                // Any other path, /favicon.ico included, touches nothing and gets Django's plain 404.
                .setFallbackHandler(Response::notFound);
    }
    // endregion:patterns

    private Urls() {
    }
}
