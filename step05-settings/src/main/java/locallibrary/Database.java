package locallibrary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The SQLite database (Django's {@code DATABASES['default']}): one connection, shared by the worker
 * threads one at a time. SQLite writes one transaction at a time anyway; a single connection keeps that
 * simple and never sees SQLITE_BUSY from its own threads.
 */
public final class Database implements AutoCloseable {

    private final Path file;
    private final Connection connection;

    private Database(Path file, Connection connection) {
        this.file = file;
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
            return new Database(file, connection);
        } catch (SQLException | java.io.IOException e) {
            throw new ImproperlyConfigured("cannot open the database " + file + ": " + e.getMessage());
        }
    }
    // endregion:open

    public Path file() {
        return file;
    }

    /** The connection, for one thread at a time: callers hold the Database's lock while they use it. */
    public Connection connection() {
        return connection;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing: nothing left to do
        }
    }
}
