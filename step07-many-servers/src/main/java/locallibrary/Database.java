package locallibrary;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * The database (Django's {@code DATABASES['default']}): SQLite, one file on this machine, or PostgreSQL, one
 * server that every app server shares. The stores and the catalog talk to either through these few methods;
 * each turns the database's errors into a {@link DatabaseError}, so no caller can forget to.
 */
public interface Database extends AutoCloseable {

    /** Turns the current row of a result into a value, for example {@code row -> row.getString(1)}. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** The database DATABASES names: PostgreSQL when its ENGINE says so, else the SQLite file DATABASE_PATH. */
    static Database open(Settings settings) {
        Map<String, String> database = settings.DATABASES.get("default");
        if (database.get("ENGINE").equals(Settings.POSTGRESQL)) {
            return PostgresDatabase.open(database);
        }
        return SqliteDatabase.open(settings.DATABASE_PATH);
    }

    /** The SQLite database in this file (made if it is missing). */
    static Database open(Path file) {
        return SqliteDatabase.open(file);
    }

    /** Which database this is, by Django's name for it ({@code connection.vendor}): "sqlite" or "postgresql". */
    String vendor();

    /** Whether the table exists yet: the stores create what is missing, and never drop anything. */
    boolean hasTable(String name);

    /**
     * The first row a query finds, made into a value by the mapper, or null when it finds none. The
     * parameters fill the query's {@code ?} in order: a prepared statement, so a value is never read as SQL.
     */
    <T> T queryFirst(String sql, RowMapper<T> mapper, Object... parameters);

    /** Runs an INSERT, UPDATE, DELETE or CREATE, and says how many rows it changed. */
    int update(String sql, Object... parameters);

    /** Runs the work as one transaction: every change it makes is stored, or none. */
    void transaction(Runnable work);

    @Override
    void close();
}
