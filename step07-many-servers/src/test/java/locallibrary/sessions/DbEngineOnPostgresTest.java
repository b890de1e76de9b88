package locallibrary.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import locallibrary.Database;
import locallibrary.PostgresServer;
import locallibrary.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SESSION_ENGINE=db on a real PostgreSQL: the shared contract, and Django's PostgreSQL table. */
class DbEngineOnPostgresTest extends SessionStoreContract {

    private static PostgresServer postgres;
    private Database db;

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    /** The database a server with the PostgreSQL settings opens; each test starts from an empty table. */
    static Database openPostgres(PostgresServer postgres) {
        Database db = Database.open(Settings.load(postgres.settings()));
        if (db.hasTable("django_session")) {
            db.update("DELETE FROM django_session");
        }
        return db;
    }

    @Override
    SessionStore newStore(TestClock clock, int cookieAge) {
        db = openPostgres(postgres);
        return new DatabaseSessionStore(db, SECRET, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void anExpiredRowStaysUntilClearExpired() {
        String key = saveNew(carData());
        clock.advance(Duration.ofSeconds(AGE + 1));
        assertNull(store.load(key));
        assertTrue(store.exists(key));
        assertEquals(1, store.clearExpired());
        assertNull(store.storedRow(key));
    }

    @Test
    void theTableHasDjangosPostgresqlColumnsAndIndexes() {
        assertEquals("session_key|character varying|40\nsession_data|text|\nexpire_date|timestamp with time zone|",
                postgres.psql("SELECT column_name, data_type, character_maximum_length FROM information_schema.columns"
                        + " WHERE table_name = 'django_session' ORDER BY ordinal_position").strip());
        assertEquals("""
                django_session_expire_date_a5c62663|CREATE INDEX django_session_expire_date_a5c62663 \
                ON public.django_session USING btree (expire_date)
                django_session_pkey|CREATE UNIQUE INDEX django_session_pkey \
                ON public.django_session USING btree (session_key)
                django_session_session_key_c0390e0f_like|CREATE INDEX django_session_session_key_c0390e0f_like \
                ON public.django_session USING btree (session_key varchar_pattern_ops)""",
                postgres.psql("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'django_session'"
                        + " ORDER BY indexname").strip());
    }

    @Test
    void theExpiryDateIsStoredAsTheInstantItIs() {
        String key = saveNew(carData());
        Map<String, String> row = store.storedRow(key);
        // PostgreSQL keeps the instant; our UTC connections read it back with its zone, +00.
        assertEquals(DatabaseSessionStore.djangoDate(clock.instant().plusSeconds(AGE)) + "+00 (UTC)",
                row.get("expire_date"));
    }
}
