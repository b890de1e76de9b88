package locallibrary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The SQLite database (Django's {@code DATABASES['default']}): one connection, shared by the worker
 * threads one at a time. SQLite writes one transaction at a time anyway; a single connection keeps that
 * simple and never sees SQLITE_BUSY from its own threads. The connection never leaves this class: each
 * method below takes the lock and turns SQLite's errors into a {@link DatabaseError}, so no caller can
 * forget either.
 */
public final class Database implements AutoCloseable {

    /** Turns the current row of a result into a value, for example {@code row -> row.getString(1)}. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** SQLite's code for "another connection holds the lock and the busy timeout ran out". */
    static final int SQLITE_BUSY = 5;
    /** How long a statement waits for another process's write lock before it fails (SQLite's busy timeout). */
    static final int BUSY_TIMEOUT_MILLIS = 5000;

    private final Connection connection;
    /**
     * Each statement compiled once, then kept, by its SQL: SQLite parses and plans a statement every time
     * one is prepared, and the same few run on every request. Used only under the lock, like the connection.
     */
    private final Map<String, PreparedStatement> prepared = new HashMap<>();
    /** False from a statement that waited the whole busy timeout in vain to the next write that gets through. */
    private boolean waitingForLocks = true;

    private Database(Connection connection) {
        this.connection = connection;
    }

    // region:open
    public static Database open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement pragma = connection.createStatement()) {
                // Readers do not wait for the writer, and a crash never leaves a half-written row.
                pragma.execute("PRAGMA journal_mode=WAL");
                // Safe with WAL: a committed visit survives a killed server (only power loss could lose one).
                pragma.execute("PRAGMA synchronous=NORMAL");
                // Another process writing (a second server, clearsessions) makes us wait, not fail.
                pragma.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MILLIS);
            }
            return new Database(connection);
        } catch (SQLException | java.io.IOException e) {
            throw new ImproperlyConfigured("cannot open the database " + file + ": " + e.getMessage());
        }
    }
    // endregion:open

    // region:operations
    /**
     * The first row a query finds, made into a value by the mapper, or null when it finds none. The
     * parameters fill the query's {@code ?} in order: a prepared statement, so a value is never read as SQL.
     */
    public synchronized <T> T queryFirst(String sql, RowMapper<T> mapper, Object... parameters) {
        // Closing the result resets the kept statement: it holds no read lock between requests.
        try (ResultSet row = prepare(sql, parameters).executeQuery()) {
            return row.next() ? mapper.map(row) : null;
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    /** Runs an INSERT, UPDATE, DELETE or CREATE, and says how many rows it changed. */
    public synchronized int update(String sql, Object... parameters) {
        try {
            int changed = prepare(sql, parameters).executeUpdate();
            waitForLocks(true); // a write got through: if the statements had stopped waiting, they wait again
            return changed;
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    /**
     * Runs the work as one transaction: every change it makes is stored, or none. BEGIN IMMEDIATE takes
     * SQLite's write lock at once, so another process doing the same work waits, then sees it done.
     */
    public synchronized void transaction(Runnable work) {
        update("BEGIN IMMEDIATE");
        try {
            work.run();
        } catch (RuntimeException e) {
            try {
                update("ROLLBACK");
            } catch (DatabaseError alreadyRolledBack) {
                // SQLite ends some failed transactions itself (a full disk): the first error is the one to report.
                e.addSuppressed(alreadyRolledBack);
            }
            throw e;
        }
        update("COMMIT");
    }
    // endregion:operations

    // region:locked
    /**
     * Another process holding SQLite's write lock makes a statement wait up to the busy timeout (5 s), here
     * under our lock, with the other requests queued behind it: each would then wait 5 s of its own, the 8th
     * 40 s. So once a statement has waited the whole 5 s in vain, the next ones do not wait: while the lock is
     * held they fail at once (the same 503), and the first write that gets through sets the 5 s back.
     */
    private DatabaseError failed(String sql, SQLException e) {
        forget(sql);
        if ((e.getErrorCode() & 0xff) == SQLITE_BUSY) {
            waitForLocks(false);
        }
        return DatabaseError.from(e);
    }

    private void waitForLocks(boolean wait) {
        if (waitingForLocks != wait) {
            try (Statement pragma = connection.createStatement()) {
                pragma.execute("PRAGMA busy_timeout=" + (wait ? BUSY_TIMEOUT_MILLIS : 0));
                waitingForLocks = wait;
            } catch (SQLException e) {
                // the connection is broken: its next statement fails, and says why
            }
        }
    }
    // endregion:locked

    /** The kept statement for this SQL (compiled now if it is new), its {@code ?} filled with the parameters. */
    private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = prepared.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            prepared.put(sql, statement);
        }
        statement.clearParameters();
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    /** A statement that failed is compiled afresh next time: its table may have been dropped and made again. */
    private void forget(String sql) {
        PreparedStatement statement = prepared.remove(sql);
        if (statement != null) {
            try {
                statement.close();
            } catch (SQLException e) {
                // it failed already: nothing more to learn from it
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            // Closing the connection closes its statements too.
            prepared.clear();
            connection.close();
        } catch (SQLException e) {
            // closing: nothing left to do
        }
    }
}
