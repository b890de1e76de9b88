package locallibrary;

import locallibrary.sessions.SessionEngines;
import locallibrary.sessions.SignedSessionData;
import locallibrary.sessions.Signing;

/**
 * Django's {@code manage.py} commands for sessions, run instead of the server:
 * {@code mvn -q -pl step03-db-sessions compile exec:java -Dexec.args=clearsessions}.
 */
final class Manage {

    /** The salt of Django's signed_cookies engine, where the cookie holds the whole session. */
    private static final String SIGNED_COOKIE_SALT = "django.contrib.sessions.backends.signed_cookies";

    static int run(Settings settings, String[] args) {
        switch (args[0]) {
            case "clearsessions":
                return clearsessions(settings);
            case "decode":
                if (args.length == 2) {
                    return decode(settings, args[1]);
                }
                break;
            default:
                break;
        }
        System.err.println("Unknown command: " + String.join(" ", args)
                + ". Commands: clearsessions, decode <value>");
        return 1;
    }

    // region:clearsessions
    /** Deletes the expired sessions of the configured SESSION_ENGINE (Django's clearsessions). */
    private static int clearsessions(Settings settings) {
        try (Database db = Database.open(settings)) {
            // Deleting half of a big table touches most of its pages. With room for them all (SQLite's page
            // cache, up to 256 MB, taken only as needed) each changed page is written once, not each time the
            // default 2 MB cache evicts it (chapter 07 measures the difference).
            if (db.vendor().equals("sqlite")) {
                db.update("PRAGMA cache_size = -262144");
            }
            int deleted = SessionEngines.create(settings, db).clearExpired();
            System.out.println("Deleted " + deleted + " expired session" + (deleted == 1 ? "" : "s") + ".");
            return 0;
        }
    }
    // endregion:clearsessions

    // region:decode
    /**
     * Shows the JSON inside a value Django signed (a session_data value, a signed_cookies cookie) or a bare
     * payload, and whether a signature holds under SECRET_KEY. Signed is not secret: anyone can read it.
     */
    private static int decode(Settings settings, String value) {
        try {
            System.out.println(Signing.unverifiedJson(value));
        } catch (Signing.BadSignature e) {
            System.out.println("Not a signed value or a payload: " + e.getMessage() + ".");
            return 1;
        }
        if (!value.contains(":")) {
            System.out.println("No signature: anyone can read this payload, and anyone could have written it.");
            return 1;
        }
        if (holds(value, settings.SECRET_KEY, SignedSessionData.KEY_SALT)) {
            System.out.println("Signature: valid session_data under this SECRET_KEY. The server loads this data.");
            return 0;
        }
        if (holds(value, settings.SECRET_KEY, SIGNED_COOKIE_SALT)) {
            System.out.println("Signature: valid signed_cookies cookie under this SECRET_KEY.");
            return 0;
        }
        System.out.println("Signature: NOT valid under this SECRET_KEY. The data was changed, or signed with"
                + " another key. The server loads an empty session instead.");
        return 1;
    }
    // endregion:decode

    /** Whether the signature holds for one use: Django salts each use, so session data is no cookie. */
    private static boolean holds(String value, String secretKey, String salt) {
        try {
            Signing.loads(value, secretKey, salt, null);
            return true;
        } catch (Signing.BadSignature e) {
            return false;
        }
    }

    private Manage() {
    }
}
