package locallibrary.sessions;

/**
 * The key is not in the session: Python's KeyError, which {@code del request.session['x']} and
 * {@code request.session.pop('x')} raise in Django. Reading with {@code get} never throws it.
 */
public final class KeyError extends RuntimeException {
    public KeyError(String key) {
        super("KeyError: '" + key + "'");
    }
}
