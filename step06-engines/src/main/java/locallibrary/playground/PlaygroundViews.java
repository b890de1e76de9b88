package locallibrary.playground;

import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import locallibrary.sessions.KeyError;
import locallibrary.sessions.Session;
import locallibrary.web.Forms;
import locallibrary.web.Response;
import locallibrary.web.Templates;

/**
 * Chapter 05's pages, a small Django app of their own: each lets you do one thing to your session and
 * watch, in the panel, what that did to the cookie and the store. A GET only shows; a POST acts and shows
 * the result at once (no redirect), so that the panel below is the panel of the request that acted.
 * No CSRF token: a real Django form would need {% csrf_token %}.
 */
public final class PlaygroundViews {

    // region:car
    /**
     * MDN's "Saving session data": my_car is a map in the session. Changing wheels inside it changes
     * no key of the session, so modified stays false and the change is lost, unless the view says so.
     */
    public Response car(HttpServerExchange request) throws Exception {
        Session session = Session.of(request);
        Map<String, String> form = Forms.post(request);
        // Written down before anything changes it.
        String loaded = show(session.get("my_car"));
        String action = form.getOrDefault("action", "");
        String wheels = form.getOrDefault("wheels", "alloy");
        Map<String, Object> car = session.get("my_car", null, Map.class);
        String did;
        if (action.equals("set")) {
            // request.session['my_car'] = {'wheels': 'steel'}: a key of the session is set
            session.put("my_car", new LinkedHashMap<>(Map.of("wheels", "steel")));
            did = "request.session['my_car'] = {'wheels': 'steel'}";
        } else if (car == null && !action.isEmpty()) {
            did = "there is no my_car in the session yet: set it first";
        } else if (action.equals("change")) {
            // request.session['my_car']['wheels'] = 'alloy': a read of my_car, then a change inside the map
            car.put("wheels", wheels);
            did = "request.session['my_car']['wheels'] = '" + wheels + "'";
        } else if (action.equals("change-and-mark")) {
            car.put("wheels", wheels);
            session.setModified(true);
            did = "request.session['my_car']['wheels'] = '" + wheels + "'; request.session.modified = True";
        } else {
            did = "nothing: this page only read my_car";
        }
        return Response.html(Templates.render("car.ftlh", Map.of(
                "did", did,
                "loaded", loaded,
                "now", show(session.get("my_car")),
                "modified", session.isModified())));
    }

    private static String show(Object value) {
        return value == null ? "null (not in the session)" : Session.toJson(value);
    }
    // endregion:car

    /** The playground: every key of your session, and a form for each thing a view can do to it. */
    public Response session(HttpServerExchange request) throws Exception {
        Session session = Session.of(request);
        Map<String, String> form = Forms.post(request);
        String key = form.getOrDefault("key", "").strip();
        String did = "nothing: a GET only reads the session";
        try {
            switch (form.getOrDefault("action", "")) {
                case "set" -> {
                    if (key.isEmpty() || key.startsWith("_")) {
                        throw new IllegalArgumentException("a key must not be empty nor start with _ (Django keeps its"
                                + " own keys, like _session_expiry, under such names)");
                    }
                    session.put(key, form.getOrDefault("value", ""));
                    did = "request.session['" + key + "'] = '" + form.getOrDefault("value", "") + "'";
                }
                case "delete" -> {
                    session.delete(key);
                    did = "del request.session['" + key + "']";
                }
                case "flush" -> {
                    session.flush();
                    did = "request.session.flush(): the stored session is deleted and the key forgotten";
                }
                case "cycle_key" -> {
                    session.cycleKey();
                    did = "request.session.cycle_key(): the same data under a new key, the old one deleted";
                }
                case "expiry_seconds" -> {
                    int seconds = seconds(form);
                    session.setExpiry(seconds);
                    did = "request.session.set_expiry(" + seconds + ")";
                }
                case "expiry_moment" -> {
                    int seconds = seconds(form);
                    session.setExpiry(Duration.ofSeconds(seconds));
                    did = "request.session.set_expiry(timedelta(seconds=" + seconds + ")): a fixed moment";
                }
                case "expiry_browser_close" -> {
                    session.setExpiry(0);
                    did = "request.session.set_expiry(0)";
                }
                case "expiry_none" -> {
                    session.setExpiry(null);
                    did = "request.session.set_expiry(None)";
                }
                default -> {
                    // a GET, or an action this page does not have: only show
                }
            }
        } catch (KeyError | IllegalArgumentException refused) {
            did = "refused: " + refused.getMessage();
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("did", did);
        Map<String, String> items = new LinkedHashMap<>();
        session.items().forEach((name, value) -> items.put(name, Session.toJson(value)));
        model.put("items", items);
        model.put("sessionKey", session.getSessionKey() == null ? "none yet" : session.getSessionKey());
        model.put("expiryAge", session.getExpiryAge());
        model.put("expiryDate", session.getExpiryDate().truncatedTo(ChronoUnit.SECONDS).toString());
        model.put("expireAtBrowserClose", session.getExpireAtBrowserClose());
        model.put("modified", session.isModified());
        return Response.html(Templates.render("session.ftlh", model));
    }

    private static int seconds(Map<String, String> form) {
        try {
            return Integer.parseInt(form.getOrDefault("seconds", "").strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("seconds must be a whole number, like 60 (got '"
                    + form.getOrDefault("seconds", "") + "')");
        }
    }

    /** Shows the session and changes nothing: with SESSION_SAVE_EVERY_REQUEST=true it is saved all the same. */
    public Response sessionPeek(HttpServerExchange request) throws Exception {
        return Response.html(Templates.render("lesson.ftlh", Map.of("title", "Peek at the session",
                "result", "Your session holds " + Session.toJson(Session.of(request).items())
                        + " (read, not changed)")));
    }

    /**
     * Does this browser keep cookies? Django's old login view asked in two requests: the form's GET sets
     * the test cookie, the POST looks for it. The test value lives in the session, so it comes back only
     * if the browser sent the session cookie back.
     */
    public Response cookies(HttpServerExchange request) throws Exception {
        Session session = Session.of(request);
        String result;
        if (request.getRequestMethod().toString().equals("POST")) {
            if (session.testCookieWorked()) {
                session.deleteTestCookie();
                result = "Your browser accepts cookies: the test cookie came back.";
            } else {
                result = "Your browser did not send the session cookie back, so this request has a new, empty"
                        + " session: it does not accept cookies, and no session can work for it.";
            }
        } else {
            session.setTestCookie();
            result = "A test value is set in your session. Press the button: the next request will tell.";
        }
        return Response.html(Templates.render("cookies.ftlh", Map.of("result", result)));
    }
}
