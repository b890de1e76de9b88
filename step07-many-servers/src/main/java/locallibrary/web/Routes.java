package locallibrary.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Undertow's RoutingHandler, with the two rules of HTTP that Django's runserver follows: a page that
 * answers GET answers HEAD too (the same headers, no body: Undertow drops the body of a HEAD answer),
 * and a 405 says in its Allow header which methods the path does accept.
 */
public final class Routes extends RoutingHandler {

    private final Map<String, Set<String>> methodsByPath = new HashMap<>();

    public Routes() {
        setInvalidMethodHandler(this::methodNotAllowed);
    }

    @Override
    public synchronized RoutingHandler add(HttpString method, String path, HttpHandler handler) {
        super.add(method, path, handler);
        methodsByPath.computeIfAbsent(path, p -> new LinkedHashSet<>()).add(method.toString());
        if (method.equals(Methods.GET)) {
            add(Methods.HEAD, path, handler);
        }
        return this;
    }

    private void methodNotAllowed(HttpServerExchange exchange) {
        Set<String> allowed = methodsByPath.getOrDefault(exchange.getRelativePath(), Set.of());
        Response.methodNotAllowed(exchange, String.join(", ", allowed));
    }
}
