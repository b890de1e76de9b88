package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database's few operations: each holds the lock, and SQLite's errors come out with Django's names. */
class DatabaseTest {

    @TempDir
    Path folder;
    private Database db;

    @BeforeEach
    void open() {
        db = Database.open(folder.resolve("db.sqlite3"));
        db.update("CREATE TABLE book (id integer NOT NULL PRIMARY KEY, title text NOT NULL)");
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void queryFirstMapsTheFirstRowOrGivesNull() {
        db.update("INSERT INTO book VALUES (?, ?)", 1, "Emma");
        db.update("INSERT INTO book VALUES (?, ?)", 2, "Persuasion");
        assertEquals("Emma", db.queryFirst("SELECT title FROM book ORDER BY id", row -> row.getString(1)));
        assertNull(db.queryFirst("SELECT title FROM book WHERE id = ?", row -> row.getString(1), 3));
    }

    @Test
    void aParameterIsNeverReadAsSql() {
        db.update("INSERT INTO book VALUES (?, ?)", 1, "'); DROP TABLE book; --");
        assertEquals("'); DROP TABLE book; --", db.queryFirst("SELECT title FROM book", row -> row.getString(1)));
    }

    @Test
    void updateSaysHowManyRowsItChanged() {
        db.update("INSERT INTO book VALUES (?, ?)", 1, "Emma");
        assertEquals(1, db.update("UPDATE book SET title = ? WHERE id = ?", "Emma (1815)", 1));
        assertEquals(0, db.update("DELETE FROM book WHERE id = ?", 2));
    }

    @Test
    void aTakenPrimaryKeyIsAnIntegrityError() {
        db.update("INSERT INTO book VALUES (?, ?)", 1, "Emma");
        IntegrityError e = assertThrows(IntegrityError.class,
                () -> db.update("INSERT INTO book VALUES (?, ?)", 1, "Emma again"));
        assertTrue(e.getMessage().contains("UNIQUE constraint failed: book.id"), e.getMessage());
    }

    @Test
    void anyOtherFailureIsADatabaseErrorNamingSqlitesCause() {
        DatabaseError e = assertThrows(DatabaseError.class, () -> db.queryFirst("SELECT * FROM author", row -> 1));
        assertEquals(DatabaseError.class, e.getClass());
        assertTrue(e.getMessage().contains("no such table: author"), e.getMessage());
    }

    @Test
    void aTransactionThatFailsHalfWayStoresNothing() {
        assertThrows(IntegrityError.class, () -> db.transaction(() -> {
            db.update("INSERT INTO book VALUES (?, ?)", 1, "Emma");
            db.update("INSERT INTO book VALUES (?, ?)", 1, "Emma again");
        }));
        assertEquals(0, count());
    }

    @Test
    void aTransactionThatSucceedsStoresEverything() {
        db.transaction(() -> {
            db.update("INSERT INTO book VALUES (?, ?)", 1, "Emma");
            db.update("INSERT INTO book VALUES (?, ?)", 2, "Persuasion");
        });
        assertEquals(2, count());
    }

    private int count() {
        return db.queryFirst("SELECT COUNT(*) FROM book", row -> row.getInt(1));
    }
}
