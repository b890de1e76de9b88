package locallibrary;

/** Django's {@code BadRequest}: the request itself is wrong (a malformed form, too many fields), so 400. */
public final class BadRequest extends RuntimeException {
    public BadRequest(String message) {
        super(message);
    }
}
