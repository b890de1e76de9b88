package locallibrary.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import locallibrary.Database;
import locallibrary.DatabaseError;

/**
 * The LocalLibrary's catalog: authors, books and copies of books (MDN's {@code catalog/models.py}), in
 * tables named as Django's migration names them, with just the columns the home page needs. A new
 * database gets a small sample catalog; there are no pages to add to it.
 */
public final class Catalog {

    // region:tables
    // MDN's Author, Book and BookInstance, as Django's migration creates them on SQLite (fewer columns).
    private static final List<String> CREATE_TABLES = List.of("""
            CREATE TABLE "catalog_author" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, \
            "first_name" varchar(100) NOT NULL, "last_name" varchar(100) NOT NULL, \
            "date_of_birth" date NULL, "date_of_death" date NULL)""", """
            CREATE TABLE "catalog_book" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, \
            "title" varchar(200) NOT NULL, \
            "author_id" integer NULL REFERENCES "catalog_author" ("id") DEFERRABLE INITIALLY DEFERRED)""", """
            CREATE TABLE "catalog_bookinstance" ("id" char(32) NOT NULL PRIMARY KEY, \
            "imprint" varchar(200) NOT NULL, "status" varchar(1) NOT NULL, \
            "book_id" integer NULL REFERENCES "catalog_book" ("id") DEFERRABLE INITIALLY DEFERRED)""");
    // endregion:tables

    private record SampleAuthor(String firstName, String lastName, String born, String died, List<SampleBook> books) {
    }

    /** A book, its first edition's imprint, and the status of each copy the library has. */
    private record SampleBook(String title, String imprint, String... copies) {
    }

    // region:sample
    // Real books, long in the public domain. Each letter is one copy, with its status in MDN's LOAN_STATUS
    // codes: a available, o on loan, m maintenance (r, reserved, is not used here).
    private static final List<SampleAuthor> SAMPLE = List.of(
            new SampleAuthor("Jane", "Austen", "1775-12-16", "1817-07-18", List.of(
                    new SampleBook("Pride and Prejudice", "T. Egerton, 1813", "a", "a", "o"),
                    new SampleBook("Emma", "John Murray, 1815", "o"))),
            new SampleAuthor("Mary", "Shelley", "1797-08-30", "1851-02-01", List.of(
                    new SampleBook("Frankenstein; or, The Modern Prometheus",
                            "Lackington, Hughes, Harding, Mavor & Jones, 1818", "a", "m"))),
            new SampleAuthor("Herman", "Melville", "1819-08-01", "1891-09-28", List.of(
                    new SampleBook("Moby-Dick; or, The Whale", "Harper & Brothers, 1851", "a"))),
            new SampleAuthor("Lewis", "Carroll", "1832-01-27", "1898-01-14", List.of(
                    new SampleBook("Alice's Adventures in Wonderland", "Macmillan, 1865", "a", "o"))));
    // endregion:sample

    private final Database db;

    public Catalog(Database db) {
        this.db = db;
        synchronized (db) {
            try (Statement sql = db.connection().createStatement()) {
                // One write transaction from the start: a second server opening the same new file waits,
                // then finds the tables made and filled, so the sample goes in exactly once.
                sql.execute("BEGIN IMMEDIATE");
                try {
                    if (!tableExists(sql, "catalog_author")) {
                        for (String create : CREATE_TABLES) {
                            sql.execute(create);
                        }
                        addSample();
                    }
                    sql.execute("COMMIT");
                } catch (SQLException e) {
                    sql.execute("ROLLBACK");
                    throw e;
                }
            } catch (SQLException e) {
                throw new DatabaseError("cannot create the catalog tables", e);
            }
        }
    }

    private static boolean tableExists(Statement sql, String name) throws SQLException {
        try (ResultSet table = sql.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '"
                + name + "'")) {
            return table.next();
        }
    }

    private void addSample() throws SQLException {
        try (PreparedStatement author = db.connection().prepareStatement("INSERT INTO catalog_author"
                        + " (id, first_name, last_name, date_of_birth, date_of_death) VALUES (?, ?, ?, ?, ?)");
                PreparedStatement book = db.connection().prepareStatement(
                        "INSERT INTO catalog_book (id, title, author_id) VALUES (?, ?, ?)");
                PreparedStatement copy = db.connection().prepareStatement(
                        "INSERT INTO catalog_bookinstance (id, imprint, status, book_id) VALUES (?, ?, ?, ?)")) {
            int authorId = 0;
            int bookId = 0;
            for (SampleAuthor a : SAMPLE) {
                authorId++;
                author.setInt(1, authorId);
                author.setString(2, a.firstName());
                author.setString(3, a.lastName());
                author.setString(4, a.born());
                author.setString(5, a.died());
                author.executeUpdate();
                for (SampleBook b : a.books()) {
                    bookId++;
                    book.setInt(1, bookId);
                    book.setString(2, b.title());
                    book.setInt(3, authorId);
                    book.executeUpdate();
                    for (String status : b.copies()) {
                        // Django's UUIDField on SQLite: 32 hex digits, no dashes.
                        copy.setString(1, UUID.randomUUID().toString().replace("-", ""));
                        copy.setString(2, b.imprint());
                        copy.setString(3, status);
                        copy.setInt(4, bookId);
                        copy.executeUpdate();
                    }
                }
            }
        }
    }

    /** What the home page counts. */
    public record Counts(int books, int copies, int copiesAvailable, int authors) {
    }

    // region:counts
    /** The four counts of MDN's index view; each comment is the Django line that runs the query. */
    public Counts counts() {
        synchronized (db) {
            // Book.objects.all().count()
            int books = count("SELECT COUNT(*) FROM catalog_book");
            // BookInstance.objects.all().count()
            int copies = count("SELECT COUNT(*) FROM catalog_bookinstance");
            // BookInstance.objects.filter(status__exact='a').count(): 'a' is "Available"
            int available = count("SELECT COUNT(*) FROM catalog_bookinstance WHERE status = 'a'");
            // Author.objects.count()
            int authors = count("SELECT COUNT(*) FROM catalog_author");
            return new Counts(books, copies, available, authors);
        }
    }
    // endregion:counts

    private int count(String sql) {
        try (Statement statement = db.connection().createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getInt(1);
        } catch (SQLException e) {
            throw new DatabaseError("cannot count the catalog", e);
        }
    }
}
