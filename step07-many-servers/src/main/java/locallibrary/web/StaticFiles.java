package locallibrary.web;

import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;

/** The stylesheet, served from src/main/resources/static (Django's {@code staticfiles} app). */
public final class StaticFiles {

    /** Requests under the prefix get a file; all others go on to the app. */
    public static HttpHandler under(String prefix, HttpHandler app) {
        ResourceHandler files = new ResourceHandler(
                new ClassPathResourceManager(StaticFiles.class.getClassLoader(), "static"));
        return Handlers.path(app).addPrefixPath(prefix, files);
    }

    private StaticFiles() {
    }
}
