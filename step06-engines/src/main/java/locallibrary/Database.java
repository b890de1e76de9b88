package locallibrary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

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

    private final Connection connection;

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
                pragma.execute("PRAGMA busy_timeout=5000");
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
        try (PreparedStatement query = prepare(sql, parameters); ResultSet row = query.executeQuery()) {
            return row.next() ? mapper.map(row) : null;
        } catch (SQLException e) {
            throw DatabaseError.from(e);
        }
    }

    /** Runs an INSERT, UPDATE, DELETE or CREATE, and says how many rows it changed. */
    public synchronized int update(String sql, Object... parameters) {
        try (PreparedStatement update = prepare(sql, parameters)) {
            return update.executeUpdate();
        } catch (SQLException e) {
            throw DatabaseError.from(e);
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

    private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing: nothing left to do
        }
    }
}
