package locallibrary.sessions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import locallibrary.Database;
import locallibrary.DatabaseError;

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
    private final String secretKey;

    public DatabaseSessionStore(Database db, String secretKey) {
        this.db = db;
        this.secretKey = secretKey;
        this.signed = new SignedSessionData(secretKey);
        synchronized (db) {
            // Create what is missing, never drop anything: the sessions of earlier runs stay.
            try (Statement create = db.connection().createStatement()) {
                if (select("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?",
                        "django_session") == null) {
                    create.execute(CREATE_TABLE);
                    create.execute(CREATE_INDEX);
                }
            } catch (SQLException e) {
                throw new DatabaseError("cannot create the django_session table", e);
            }
        }
    }

    // region:load
    @Override
    public Map<String, Object> load(String sessionKey) {
        String sessionData = select("SELECT session_data FROM django_session"
                + " WHERE session_key = ? AND expire_date > ?", sessionKey, djangoDate(Instant.now()));
        // No row, or an expired one: the caller forgets the key. A row that fails its signature
        // check decodes to an empty session, and keeps its key: the next save overwrites it.
        return sessionData == null ? null : signed.decode(sessionData);
    }
    // endregion:load

    @Override
    public boolean exists(String sessionKey) {
        return select("SELECT 1 FROM django_session WHERE session_key = ?", sessionKey) != null;
    }

    // region:save
    @Override
    public void save(String sessionKey, Map<String, Object> data, Instant expireDate, boolean mustCreate) {
        String sessionData = signed.encode(data);
        String expires = djangoDate(expireDate);
        synchronized (db) {
            Connection connection = db.connection();
            if (mustCreate) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO django_session (session_key, session_data, expire_date) VALUES (?, ?, ?)")) {
                    insert.setString(1, sessionKey);
                    insert.setString(2, sessionData);
                    insert.setString(3, expires);
                    insert.executeUpdate();
                } catch (SQLException e) {
                    if (e.getMessage() != null && e.getMessage().contains("UNIQUE")) {
                        throw new CreateError();
                    }
                    throw new DatabaseError("cannot insert the session", e);
                }
            } else {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE django_session SET session_data = ?, expire_date = ? WHERE session_key = ?")) {
                    update.setString(1, sessionData);
                    update.setString(2, expires);
                    update.setString(3, sessionKey);
                    if (update.executeUpdate() == 0) {
                        // The row went away while this request ran (deleted by another request).
                        throw new UpdateError();
                    }
                } catch (SQLException e) {
                    throw new DatabaseError("cannot update the session", e);
                }
            }
        }
    }
    // endregion:save

    @Override
    public void delete(String sessionKey) {
        change("DELETE FROM django_session WHERE session_key = ?", sessionKey);
    }

    // region:clear-expired
    @Override
    public int clearExpired() {
        return change("DELETE FROM django_session WHERE expire_date < ?", djangoDate(Instant.now()));
    }
    // endregion:clear-expired

    @Override
    public Map<String, String> storedRow(String sessionKey) {
        synchronized (db) {
            try (PreparedStatement select = db.connection().prepareStatement(
                    "SELECT session_key, session_data, expire_date FROM django_session WHERE session_key = ?")) {
                select.setString(1, sessionKey);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return null;
                    }
                    Map<String, String> columns = new LinkedHashMap<>();
                    columns.put("session_key", row.getString(1));
                    columns.put("session_data", row.getString(2));
                    columns.put("expire_date", row.getString(3) + " (UTC)");
                    columns.put("session_data decoded", describeData(row.getString(2)));
                    return columns;
                }
            } catch (SQLException e) {
                throw new DatabaseError("cannot read the session", e);
            }
        }
    }

    /** The JSON inside session_data, and whether the signature holds. */
    private String describeData(String sessionData) {
        try {
            Signing.loads(sessionData, secretKey, SignedSessionData.KEY_SALT, null);
            return Signing.unverifiedJson(sessionData) + " (signature valid)";
        } catch (Signing.BadSignature e) {
            return "signature NOT valid (" + e.getMessage() + "): loaded as an empty session";
        }
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

    /** The first column of the first row, or null. */
    private String select(String sql, String... parameters) {
        synchronized (db) {
            try (PreparedStatement select = db.connection().prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    select.setString(i + 1, parameters[i]);
                }
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getString(1) : null;
                }
            } catch (SQLException e) {
                throw new DatabaseError("cannot read the session", e);
            }
        }
    }

    /** Runs a DELETE and says how many rows it removed. */
    private int change(String sql, String parameter) {
        synchronized (db) {
            try (PreparedStatement change = db.connection().prepareStatement(sql)) {
                change.setString(1, parameter);
                return change.executeUpdate();
            } catch (SQLException e) {
                throw new DatabaseError("cannot delete sessions", e);
            }
        }
    }
}
