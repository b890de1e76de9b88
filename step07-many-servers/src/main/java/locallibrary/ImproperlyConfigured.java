package locallibrary;

/** A setting has a value we cannot use (Django raises an exception of the same name). */
public final class ImproperlyConfigured extends RuntimeException {
    public ImproperlyConfigured(String message) {
        super(message);
    }
}
