package locallibrary.sessions;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Python's TypeError, as a view meets it when a value of the session is not of the type it computes with:
 * {@code request.session['num_visits'] = '7'} on the playground, then {@code + 1} on the home page. Django
 * answers 500; but the visitor chose the value, so ours is a 400 whose page says how to fix it.
 */
public final class TypeError extends RuntimeException {

    TypeError(String key, Object found, Class<?> needed) {
        super("The session's " + key + " holds " + pythonType(found == null ? null : found.getClass())
                + " where this page needs " + pythonType(needed) + ": delete " + key + " at /session, then come back.");
    }

    /** A Java type by its Python name, as the playground and Django's documentation would call it. */
    private static String pythonType(Class<?> type) {
        if (type == null) {
            return "None";
        }
        if (type == String.class) {
            return "a str";
        }
        if (type == Integer.class) {
            return "an int";
        }
        if (type == Long.class || type == BigInteger.class) {
            return "a very large int";
        }
        if (type == Boolean.class) {
            return "a bool";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "a float";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return Map.class.isAssignableFrom(type) ? "a dict" : "a " + type.getSimpleName();
    }
}
