package locallibrary;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * SQLite's checkpoints, on a thread and a connection of their own. In WAL mode a commit only appends to the
 * write-ahead log, which synchronous=NORMAL never waits for; a checkpoint copies the log back into the
 * database file, and waits for the disk twice. By default the statement that commits runs one every 1,000
 * pages: on our one connection, under its lock, so every request waited with it (about 4 ms, some 25 times
 * a second under load: chapter 07). Here one runs ten times a second, and waits alone.
 */
final class Checkpoints implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Checkpoints.class.getName());
    static final long EVERY_MILLIS = 100;

    private final Connection connection;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread daemon = new Thread(task, "sqlite-checkpoints");
        daemon.setDaemon(true);
        return daemon;
    });

    private Checkpoints(Connection connection) {
        this.connection = connection;
    }

    /** Starts checkpointing the database file; the connections that write it set wal_autocheckpoint=0. */
    static Checkpoints start(Path file) throws SQLException {
        Checkpoints checkpoints = new Checkpoints(DriverManager.getConnection("jdbc:sqlite:" + file));
        checkpoints.thread.scheduleWithFixedDelay(checkpoints::checkpoint, EVERY_MILLIS, EVERY_MILLIS,
                TimeUnit.MILLISECONDS);
        return checkpoints;
    }

    /** PASSIVE: copies what it can without waiting for anyone; what a reader still needs waits for the next one. */
    private void checkpoint() {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (SQLException e) {
            // The next one tries again; meanwhile the log only grows (a full disk says so on the next commit).
            LOG.fine("checkpoint failed: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
            connection.close();
        } catch (InterruptedException | SQLException e) {
            // closing: nothing left to do
        }
    }
}
