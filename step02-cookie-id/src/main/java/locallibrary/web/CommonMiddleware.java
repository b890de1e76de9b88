package locallibrary.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The host check of Django's {@code CommonMiddleware} ({@code request.get_host()}): a request whose Host
 * header names a host not in ALLOWED_HOSTS gets 400. Without it, a page on another site could make your
 * browser talk to this server under the other site's name (DNS rebinding) and read the answers.
 */
public final class CommonMiddleware implements HttpHandler {

    /** runserver's choice when ALLOWED_HOSTS is empty and DEBUG is on: this machine only. */
    public static final List<String> LOCAL_HOSTS = List.of(".localhost", "127.0.0.1", "[::1]");

    /** Django's {@code host_validation_re}: a name or an IPv6 address in brackets, then maybe a port. */
    private static final Pattern HOST_SYNTAX = Pattern.compile("([a-z0-9.-]+|\\[[a-f0-9]*:[a-f0-9.:]+])(:\\d+)?");
    private static final Logger LOG = Logger.getLogger("django.security.DisallowedHost");

    private final HttpHandler next;
    private final List<String> allowedHosts;

    public CommonMiddleware(HttpHandler next, List<String> allowedHosts) {
        this.next = next;
        this.allowedHosts = allowedHosts.isEmpty() ? LOCAL_HOSTS : allowedHosts;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
        // No Host header (HTTP/1.0): Django falls back to the server's own name, which is allowed.
        if (host == null || isAllowed(domain(host))) {
            next.handleRequest(exchange);
            return;
        }
        LOG.warning("Invalid HTTP_HOST header: '" + printable(host) + "'. You may need to add '"
                + printable(domain(host)) + "' to ALLOWED_HOSTS.");
        exchange.setStatusCode(400);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
        exchange.getResponseSender().send("<h1>Bad Request (400)</h1>");
    }

    /** Django's {@code validate_host}: an exact name, ".example.com" for it and its subdomains, or "*". */
    private boolean isAllowed(String domain) {
        for (String pattern : allowedHosts) {
            String p = pattern.toLowerCase(Locale.ROOT);
            if (p.equals("*") || p.equals(domain)
                    || (p.startsWith(".") && (domain.endsWith(p) || domain.equals(p.substring(1))))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Django's {@code split_domain_port}: the host without its port, lower-cased ("[::1]" keeps its
     * brackets); "" for anything that is not a host name, which no pattern but "*" allows.
     */
    private static String domain(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        if (!HOST_SYNTAX.matcher(lower).matches()) {
            return "";
        }
        if (lower.startsWith("[")) {
            int end = lower.indexOf(']');
            return end < 0 ? "" : lower.substring(0, end + 1);
        }
        int colon = lower.lastIndexOf(':');
        String domain = colon < 0 ? lower : lower.substring(0, colon);
        // A trailing dot is the same name ("localhost." is "localhost").
        return domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
    }

    /** A header can hold anything: keep the log line one line. */
    private static String printable(String text) {
        return text.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
