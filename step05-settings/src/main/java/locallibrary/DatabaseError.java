package locallibrary;

/** The database failed us (Django's {@code django.db.DatabaseError}): full disk, read-only file, lost table. */
public final class DatabaseError extends RuntimeException {
    public DatabaseError(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
