package locallibrary;

import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import locallibrary.catalog.Views;
import locallibrary.web.Response;

/** The routes, Django's {@code urls.py}: a path and a method lead to one view; anything else is a 404. */
public final class Urls {

    // region:patterns
    public static HttpHandler patterns() {
        Views views = new Views();
        return new RoutingHandler()
                .get("/", Response.view(views::index))
                // Any other path, /favicon.ico included, touches nothing and gets Django's plain 404.
                .setFallbackHandler(Response::notFound)
                .setInvalidMethodHandler(Response::methodNotAllowed);
    }
    // endregion:patterns

    private Urls() {
    }
}
