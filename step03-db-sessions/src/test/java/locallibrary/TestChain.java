package locallibrary;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import locallibrary.web.OnAWorkerThread;

/**
 * The app's own handlers, chained by a test instead of by Main: to leave one out, or to put a test view
 * or a test handler between them. Served over real HTTP on a free port.
 */
public final class TestChain implements AutoCloseable {

    private final Undertow undertow;

    private TestChain(HttpHandler app) {
        undertow = Undertow.builder().addHttpListener(0, Main.HOST).setHandler(new OnAWorkerThread(app)).build();
        undertow.start();
    }

    public static TestChain serve(HttpHandler app) {
        return new TestChain(app);
    }

    /** A GET, with this Cookie header (or none if null). */
    public HttpResponse<String> get(String path, String cookieHeader) throws Exception {
        int port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + Main.HOST + ":" + port + path));
        if (cookieHeader != null) {
            request.header("Cookie", cookieHeader);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        undertow.stop();
    }
}
