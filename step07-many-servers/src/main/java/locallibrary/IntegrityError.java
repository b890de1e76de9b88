package locallibrary;

import java.sql.SQLException;

/** A row broke a rule of its table, such as a primary key already taken (Django's {@code django.db.IntegrityError}). */
public final class IntegrityError extends DatabaseError {

    /** SQLite's result code for a broken constraint (UNIQUE, PRIMARY KEY, NOT NULL). */
    static final int SQLITE_CONSTRAINT = 19;

    IntegrityError(SQLException cause) {
        super(cause);
    }
}
