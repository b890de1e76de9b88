package locallibrary;

import io.undertow.server.HttpHandler;
import locallibrary.catalog.Views;
import locallibrary.web.Response;
import locallibrary.web.Routes;

/**
 * The routes, Django's {@code urls.py}: a path and a method lead to one view (HEAD goes where GET goes);
 * an unknown path is a 404, a method the path does not take a 405.
 */
public final class Urls {

    // region:patterns
    public static HttpHandler patterns() {
        Views views = new Views();
        return new Routes()
                .get("/", Response.view(views::index))
                // Any other path, /favicon.ico included, touches nothing and gets Django's plain 404.
                .setFallbackHandler(Response::notFound);
    }
    // endregion:patterns

    private Urls() {
    }
}
