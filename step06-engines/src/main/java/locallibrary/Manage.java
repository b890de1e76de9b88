package locallibrary;

import locallibrary.sessions.SessionEngines;
import locallibrary.sessions.SignedSessionData;
import locallibrary.sessions.Signing;

/**
 * Django's {@code manage.py} commands for sessions, run instead of the server:
 * {@code mvn -q -pl step03-db-sessions compile exec:java -Dexec.args=clearsessions}.
 */
final class Manage {

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
                + ". Commands: clearsessions, decode <session_data>");
        return 1;
    }

    // region:clearsessions
    /** Deletes the expired sessions of the configured SESSION_ENGINE (Django's clearsessions). */
    private static int clearsessions(Settings settings) {
        try (Database db = Database.open(settings.DATABASE_PATH)) {
            int deleted = SessionEngines.create(settings, db).clearExpired();
            System.out.println("Deleted " + deleted + " expired session" + (deleted == 1 ? "" : "s") + ".");
            return 0;
        }
    }
    // endregion:clearsessions

    // region:decode
    /** Shows the JSON inside a session_data value, and whether its signature holds under SECRET_KEY. */
    private static int decode(Settings settings, String sessionData) {
        try {
            System.out.println(Signing.unverifiedJson(sessionData));
        } catch (Signing.BadSignature e) {
            System.out.println("This is not a session_data value: " + e.getMessage() + ".");
            return 1;
        }
        if (new SignedSessionData(settings.SECRET_KEY).decodeQuietly(sessionData) != null) {
            System.out.println("Signature: valid under the current SECRET_KEY: the server loads this data.");
            return 0;
        }
        System.out.println("Signature: NOT valid under the current SECRET_KEY: the data was changed, or signed with"
                + " another key, and the server loads an empty session instead.");
        return 1;
    }
    // endregion:decode

    private Manage() {
    }
}
