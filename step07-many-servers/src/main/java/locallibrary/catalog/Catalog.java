package locallibrary.catalog;

import java.util.List;
import java.util.UUID;
import locallibrary.Database;

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
    // The same on PostgreSQL, as Django 3.2's migration creates them there: serial keys, a real uuid column.
    private static final List<String> CREATE_TABLES_POSTGRESQL = List.of("""
            CREATE TABLE "catalog_author" ("id" serial NOT NULL PRIMARY KEY, \
            "first_name" varchar(100) NOT NULL, "last_name" varchar(100) NOT NULL, \
            "date_of_birth" date NULL, "date_of_death" date NULL)""", """
            CREATE TABLE "catalog_book" ("id" serial NOT NULL PRIMARY KEY, "title" varchar(200) NOT NULL, \
            "author_id" integer NULL REFERENCES "catalog_author" ("id") DEFERRABLE INITIALLY DEFERRED)""", """
            CREATE TABLE "catalog_bookinstance" ("id" uuid NOT NULL PRIMARY KEY, \
            "imprint" varchar(200) NOT NULL, "status" varchar(1) NOT NULL, \
            "book_id" integer NULL REFERENCES "catalog_book" ("id") DEFERRABLE INITIALLY DEFERRED)""");

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
        // One write transaction from the start: a second server opening the same new file waits,
        // then finds the tables made and filled, so the sample goes in exactly once.
        db.transaction(() -> {
            if (!db.hasTable("catalog_author")) {
                for (String create : db.vendor().equals("postgresql") ? CREATE_TABLES_POSTGRESQL : CREATE_TABLES) {
                    db.update(create);
                }
                addSample();
            }
        });
    }

    private void addSample() {
        int authorId = 0;
        int bookId = 0;
        for (SampleAuthor a : SAMPLE) {
            authorId++;
            db.update("INSERT INTO catalog_author (id, first_name, last_name, date_of_birth, date_of_death)"
                    + " VALUES (?, ?, ?, ?, ?)", authorId, a.firstName(), a.lastName(), a.born(), a.died());
            for (SampleBook b : a.books()) {
                bookId++;
                db.update("INSERT INTO catalog_book (id, title, author_id) VALUES (?, ?, ?)",
                        bookId, b.title(), authorId);
                for (String status : b.copies()) {
                    // Django's UUIDField on SQLite: 32 hex digits, no dashes.
                    String id = UUID.randomUUID().toString().replace("-", "");
                    db.update("INSERT INTO catalog_bookinstance (id, imprint, status, book_id) VALUES (?, ?, ?, ?)",
                            id, b.imprint(), status, bookId);
                }
            }
        }
    }

    /** What the home page counts. */
    public record Counts(int books, int copies, int copiesAvailable, int authors) {
    }

    // region:counts
    /**
     * The four counts of MDN's index view, in one query: Django runs each as a query of its own (the
     * comments), but one round trip to SQLite costs less than four, and every count is still live.
     */
    public Counts counts() {
        return db.queryFirst("SELECT"
                // Book.objects.all().count()
                + " (SELECT COUNT(*) FROM catalog_book),"
                // BookInstance.objects.all().count()
                + " (SELECT COUNT(*) FROM catalog_bookinstance),"
                // BookInstance.objects.filter(status__exact='a').count(): 'a' is "Available"
                + " (SELECT COUNT(*) FROM catalog_bookinstance WHERE status = 'a'),"
                // Author.objects.count()
                + " (SELECT COUNT(*) FROM catalog_author)",
                row -> new Counts(row.getInt(1), row.getInt(2), row.getInt(3), row.getInt(4)));
    }
    // endregion:counts
}
