package locallibrary;

/**
 * Django's SuspiciousOperation: the request did something no honest browser does. Django answers with
 * its plain 400 page and one log line, never a stack trace; {@code Response.view} does the same.
 */
public class SuspiciousOperation extends RuntimeException {
    public SuspiciousOperation(String message) {
        super(message);
    }
}
