package locallibrary;

import java.sql.SQLException;

/** The database failed us (Django's {@code django.db.DatabaseError}): full disk, read-only file, lost table. */
public class DatabaseError extends RuntimeException {

    public DatabaseError(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    /** SQLite's error as Django names it: a broken constraint is an IntegrityError, anything else a DatabaseError. */
    static DatabaseError from(SQLException e) {
        return e.getErrorCode() == IntegrityError.SQLITE_CONSTRAINT ? new IntegrityError(e) : new DatabaseError(e);
    }
}
