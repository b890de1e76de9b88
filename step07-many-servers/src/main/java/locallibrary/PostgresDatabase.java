package locallibrary;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * PostgreSQL (Django's {@code django.db.backends.postgresql}): one database server that every app server
 * shares, over the network. Unlike SQLite's single connection, a pool (HikariCP) lends each request a
 * connection of its own, so requests run side by side; PostgreSQL keeps them apart with its own locks. A
 * connection that broke (PostgreSQL restarted) is replaced by the pool: the server recovers by itself.
 */
public final class PostgresDatabase implements Database {

    /** The key of PostgreSQL's advisory lock that {@link #transaction} takes: any number, the same everywhere. */
    private static final long ONE_TRANSACTION_AT_A_TIME = 0x5e55_10_75L;

    private final HikariDataSource pool;
    private final String where;
    /** The connection of the transaction this thread runs, if any: its statements must all use it. */
    private final ThreadLocal<Connection> inTransaction = new ThreadLocal<>();

    private PostgresDatabase(HikariDataSource pool, String where) {
        this.pool = pool;
        this.where = where;
    }

    /** Django's DATABASES['default'] keys: NAME, USER, PASSWORD, HOST, PORT. */
    public static PostgresDatabase open(Map<String, String> database) {
        String where = database.get("HOST") + ":" + database.get("PORT") + "/" + database.get("NAME");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://" + where);
        config.setUsername(database.get("USER"));
        config.setPassword(database.get("PASSWORD"));
        // A few connections serve many worker threads: each one costs PostgreSQL a process of its own.
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        // PostgreSQL stopped: a request waits at most 2 s for a connection, then gets the 503 page.
        config.setConnectionTimeout(2_000);
        config.addDataSourceProperty("connectTimeout", "2");
        // A PostgreSQL that stopped answering mid-query fails the request after 10 s rather than hanging it.
        config.addDataSourceProperty("socketTimeout", "10");
        // Our dates are Django's UTC text ("2026-12-09 09:45:09.123456"): PostgreSQL reads them as the
        // column's type (timestamp with time zone) in the zone UTC, and writes them back in UTC too.
        config.addDataSourceProperty("stringtype", "unspecified");
        config.setConnectionInitSql("SET TIME ZONE 'UTC'");
        // Starting, wait up to 10 s for the first connection (PostgreSQL itself may be starting, or the machine
        // busy); if none comes, the server stops with one clear line, as when the SQLite file cannot be opened.
        config.setInitializationFailTimeout(10_000);
        config.setPoolName("PostgreSQL " + where);
        try {
            return new PostgresDatabase(new HikariDataSource(config), where);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable reason = e.getCause() != null ? e.getCause() : e;
            throw new DatabaseError(new SQLException("PostgreSQL at " + where + ": " + reason.getMessage()));
        }
    }

    @Override
    public String vendor() {
        return "postgresql";
    }

    @Override
    public boolean hasTable(String name) {
        return queryFirst("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema()"
                + " AND table_name = ?", row -> true, name) != null;
    }

    @Override
    public <T> T queryFirst(String sql, RowMapper<T> mapper, Object... parameters) {
        return withConnection(connection -> {
            try (PreparedStatement statement = prepare(connection, sql, parameters);
                    ResultSet row = statement.executeQuery()) {
                return row.next() ? mapper.map(row) : null;
            }
        });
    }

    @Override
    public int update(String sql, Object... parameters) {
        return withConnection(connection -> {
            try (PreparedStatement statement = prepare(connection, sql, parameters)) {
                return statement.executeUpdate();
            }
        });
    }

    /**
     * As SQLite's BEGIN IMMEDIATE does, one such transaction runs at a time across all the app servers (an
     * advisory lock): two servers starting at once do not both create the tables; the second finds them made.
     */
    @Override
    public void transaction(Runnable work) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            inTransaction.set(connection);
            try {
                queryFirst("SELECT pg_advisory_xact_lock(?)", row -> true, ONE_TRANSACTION_AT_A_TIME);
                work.run();
                connection.commit();
            } catch (RuntimeException | SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                inTransaction.remove();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** What a statement does with its connection. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs the work on this thread's transaction, or on a connection borrowed from the pool for it. */
    private <T> T withConnection(Work<T> work) {
        try {
            Connection current = inTransaction.get();
            if (current != null) {
                return work.run(current);
            }
            try (Connection connection = pool.getConnection()) {
                return work.run(connection);
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    /**
     * PostgreSQL's error as Django names it: SQLSTATE class 23 (a broken constraint) is an IntegrityError.
     * The pool's "no connection within 2 s" carries the reason (refused, timed out) as its cause: say that.
     */
    private DatabaseError failed(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("23")) {
            return new IntegrityError(e);
        }
        Throwable reason = e.getCause() != null ? e.getCause() : e;
        return new DatabaseError(new SQLException("PostgreSQL at " + where + ": " + reason.getMessage(), state, e));
    }

    @Override
    public void close() {
        pool.close();
    }
}
