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
 * The SQLite database (Django's default {@code DATABASES['default']}): one connection, shared by the worker
 * threads one at a time. SQLite writes one transaction at a time anyway; a single connection keeps that
 * simple and never sees SQLITE_BUSY from its own threads. The connection never leaves this class: each
 * method below takes the lock and turns SQLite's errors into a {@link DatabaseError}, so no caller can
 * forget either.
 */
public final class SqliteDatabase implements Database {

    /** SQLite's code for "another connection holds the lock and the busy timeout ran out". */
    static final int SQLITE_BUSY = 5;

    private final Connection connection;
    /**
     * Each statement compiled once, then kept, by its SQL: SQLite parses and plans a statement every time
     * one is prepared, and the same few run on every request. Used only under the lock, like the connection.
     */
    private final Map<String, PreparedStatement> prepared = new HashMap<>();
    /** How many times a statement gave up waiting for another process's lock; see {@link #enter}. */
    private volatile long gaveUpWaiting;

    private SqliteDatabase(Connection connection) {
        this.connection = connection;
    }

    public static SqliteDatabase open(Path file) {
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
            return new SqliteDatabase(connection);
        } catch (SQLException | java.io.IOException e) {
            throw new ImproperlyConfigured("cannot open the database " + file + ": " + e.getMessage());
        }
    }

    @Override
    public String vendor() {
        return "sqlite";
    }

    @Override
    public boolean hasTable(String name) {
        return queryFirst("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", row -> true, name) != null;
    }

    @Override
    public <T> T queryFirst(String sql, RowMapper<T> mapper, Object... parameters) {
        long seen = gaveUpWaiting;
        synchronized (this) {
            enter(seen);
            // Closing the result resets the kept statement: it holds no read lock between requests.
            try (ResultSet row = prepare(sql, parameters).executeQuery()) {
                return row.next() ? mapper.map(row) : null;
            } catch (SQLException e) {
                throw failed(sql, e);
            }
        }
    }

    @Override
    public int update(String sql, Object... parameters) {
        long seen = gaveUpWaiting;
        synchronized (this) {
            enter(seen);
            try {
                return prepare(sql, parameters).executeUpdate();
            } catch (SQLException e) {
                throw failed(sql, e);
            }
        }
    }

    /**
     * BEGIN IMMEDIATE takes SQLite's write lock at once, so another process doing the same work waits, then
     * sees it done.
     */
    @Override
    public void transaction(Runnable work) {
        long seen = gaveUpWaiting;
        synchronized (this) {
            enter(seen);
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
    }

    /**
     * Another process holding SQLite's write lock makes a statement wait up to the busy timeout (5 s), here
     * under our lock. The requests queued behind it would then wait 5 s each, one after another: the 8th
     * 40 s. So a request that was waiting when a statement gave up fails at once, as that one did: every
     * request waiting on a locked database gets its 503 within the busy timeout, not a multiple of it.
     */
    private void enter(long gaveUpWaitingWhenAsked) {
        if (gaveUpWaiting != gaveUpWaitingWhenAsked) {
            throw new DatabaseError(new SQLException("database is locked (by another process;"
                    + " a request that waited before this one gave up)", null, SQLITE_BUSY));
        }
    }

    private DatabaseError failed(String sql, SQLException e) {
        forget(sql);
        if ((e.getErrorCode() & 0xff) == SQLITE_BUSY) {
            gaveUpWaiting++;
        }
        return DatabaseError.from(e);
    }

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
