package locallibrary.sessions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
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

    private final Database db;
    private final SignedSessionData signed;

    public DatabaseSessionStore(Database db, String secretKey) {
        this.db = db;
        this.signed = new SignedSessionData(secretKey);
        // Create what is missing, never drop anything: the sessions of earlier runs stay. One transaction,
        // so that a second server starting at the same moment waits, then finds the table made.
        db.transaction(() -> {
            if (db.queryFirst("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'django_session'",
                    row -> row.getString(1)) == null) {
                db.update(CREATE_TABLE);
                db.update(CREATE_INDEX);
            }
        });
    }

    // region:load
    @Override
    public Map<String, Object> load(String sessionKey) {
        String sessionData = db.queryFirst("SELECT session_data FROM django_session"
                + " WHERE session_key = ? AND expire_date > ?", row -> row.getString(1),
                sessionKey, djangoDate(Instant.now()));
        // No row, or an expired one: the caller forgets the key. A row that fails its signature
        // check decodes to an empty session, and keeps its key: the next save overwrites it.
        return sessionData == null ? null : signed.decode(sessionData);
    }
    // endregion:load

    @Override
    public boolean exists(String sessionKey) {
        return db.queryFirst("SELECT 1 FROM django_session WHERE session_key = ?", row -> true, sessionKey) != null;
    }

    // region:save
    @Override
    public void save(String sessionKey, Map<String, Object> data, Instant expireDate, boolean mustCreate) {
        String sessionData = signed.encode(data);
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
        return db.update("DELETE FROM django_session WHERE expire_date < ?", djangoDate(Instant.now()));
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

    // Made once: a formatter is immutable and safe to share; parsing the pattern on every load and save cost time.
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MICROSECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    // region:django-date
    /**
     * A date as Django writes it on SQLite: UTC text, "2026-12-09 09:45:09.123456" (no fraction when it is
     * zero, as Python's str(datetime) does). Text in this form sorts in time order, so comparing dates is
     * comparing text, for Django and for us.
     */
    static String djangoDate(Instant instant) {
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        return (micros.getNano() == 0 ? SECONDS : MICROSECONDS).format(micros);
    }
    // endregion:django-date
}
