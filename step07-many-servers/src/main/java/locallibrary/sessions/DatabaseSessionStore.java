package locallibrary.sessions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import locallibrary.Database;
import locallibrary.IntegrityError;

/**
 * Sessions in the {@code django_session} table, as Django's default engine
 * ({@code django.contrib.sessions.backends.db}) keeps them: they survive a restart, and every server
 * process that opens the same database sees the same sessions.
 */
public final class DatabaseSessionStore implements SessionStore {

    /** Django's migration for the table, as it runs on SQLite: the same text, so the same schema. */
    // region:table
    private static final String CREATE_TABLE = """
            CREATE TABLE "django_session" ("session_key" varchar(40) NOT NULL PRIMARY KEY, \
            "session_data" text NOT NULL, "expire_date" datetime NOT NULL)""";
    private static final String CREATE_INDEX = """
            CREATE INDEX "django_session_expire_date_a5c62663" ON "django_session" ("expire_date")""";
    // endregion:table
    /** The same migration as Django runs it on PostgreSQL: its column types, and an index for LIKE queries. */
    private static final List<String> CREATE_POSTGRESQL = List.of("""
            CREATE TABLE "django_session" ("session_key" varchar(40) NOT NULL PRIMARY KEY, \
            "session_data" text NOT NULL, "expire_date" timestamp with time zone NOT NULL)""", """
            CREATE INDEX "django_session_expire_date_a5c62663" ON "django_session" ("expire_date")""", """
            CREATE INDEX "django_session_session_key_c0390e0f_like" ON "django_session" \
            ("session_key" varchar_pattern_ops)""");

    private final Database db;
    private final SignedSessionData signed;
    private final Clock clock;

    public DatabaseSessionStore(Database db, String secretKey) {
        this(db, secretKey, Clock.systemUTC());
    }

    /** With a clock of the test's choosing, so that a test can let two weeks pass at once. */
    DatabaseSessionStore(Database db, String secretKey, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.signed = new SignedSessionData(secretKey);
        // Create what is missing, never drop anything: the sessions of earlier runs stay. One transaction,
        // so that a second server starting at the same moment waits, then finds the table made.
        db.transaction(() -> {
            if (!db.hasTable("django_session")) {
                for (String create : db.vendor().equals("postgresql") ? CREATE_POSTGRESQL : List.of(CREATE_TABLE,
                        CREATE_INDEX)) {
                    db.update(create);
                }
            }
        });
    }

    // region:load
    @Override
    public Map<String, Object> load(String sessionKey) {
        Row row = loadRow(sessionKey);
        // No row, or an expired one: the caller forgets the key. A row that fails its signature
        // check decodes to an empty session, and keeps its key: the next save overwrites it.
        return row == null ? null : signed.decode(row.sessionData());
    }
    // endregion:load

    /** A row as stored: the signed text and its expiry (cached_db copies both into its cache). */
    record Row(String sessionData, Instant expireDate) {
    }

    /** The row of this key if it has not expired, or null. */
    Row loadRow(String sessionKey) {
        return db.queryFirst("SELECT session_data, expire_date FROM django_session"
                + " WHERE session_key = ? AND expire_date > ?",
                row -> new Row(row.getString(1), parseDjangoDate(row.getString(2))),
                sessionKey, djangoDate(clock.instant()));
    }

    @Override
    public boolean exists(String sessionKey) {
        return db.queryFirst("SELECT 1 FROM django_session WHERE session_key = ?", row -> true, sessionKey) != null;
    }

    // region:save
    @Override
    public String save(String sessionKey, Map<String, Object> data, Instant expireDate, boolean mustCreate) {
        saveRow(sessionKey, signed.encode(data), expireDate, mustCreate);
        return sessionKey;
    }

    /** The INSERT or the UPDATE, of data already signed (cached_db puts the same text in its cache). */
    void saveRow(String sessionKey, String sessionData, Instant expireDate, boolean mustCreate) {
        String expires = djangoDate(expireDate);
        if (mustCreate) {
            try {
                db.update("INSERT INTO django_session (session_key, session_data, expire_date) VALUES (?, ?, ?)",
                        sessionKey, sessionData, expires);
            } catch (IntegrityError taken) {
                // The primary key already has a row under this key.
                throw new CreateError();
            }
        } else if (db.update("UPDATE django_session SET session_data = ?, expire_date = ? WHERE session_key = ?",
                sessionData, expires, sessionKey) == 0) {
            // The row went away while this request ran (deleted by another request).
            throw new UpdateError();
        }
    }
    // endregion:save

    @Override
    public void delete(String sessionKey) {
        db.update("DELETE FROM django_session WHERE session_key = ?", sessionKey);
    }

    // region:clear-expired
    @Override
    public int clearExpired() {
        return db.update("DELETE FROM django_session WHERE expire_date < ?", djangoDate(clock.instant()));
    }
    // endregion:clear-expired

    @Override
    public Map<String, String> storedRow(String sessionKey) {
        return db.queryFirst("SELECT session_key, session_data, expire_date FROM django_session WHERE session_key = ?",
                this::columns, sessionKey);
    }

    /** A row of the table, column by column, and what its session_data holds. */
    private Map<String, String> columns(ResultSet row) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("session_key", row.getString(1));
        columns.put("session_data", row.getString(2));
        columns.put("expire_date", row.getString(3) + " (UTC)");
        columns.put("session_data decoded", signed.describe(row.getString(2)));
        return columns;
    }

    // region:django-date
    /**
     * A date as Django writes it on SQLite: UTC text, "2026-12-09 09:45:09.123456" (no fraction when it is
     * zero, as Python's str(datetime) does). Text in this form sorts in time order, so comparing dates is
     * comparing text, for Django and for us.
     */
    static String djangoDate(Instant instant) {
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        String pattern = micros.getNano() == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.SSSSSS";
        return DateTimeFormatter.ofPattern(pattern).withZone(ZoneOffset.UTC).format(micros);
    }
    // endregion:django-date

    /**
     * The other way round: Django's date text (with or without a fraction) as an instant. PostgreSQL adds
     * the zone, "+00" in our UTC connections.
     */
    static Instant parseDjangoDate(String text) {
        return LocalDateTime.parse(text.replaceFirst("\\+00$", "").replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }
}
