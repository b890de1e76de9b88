package locallibrary.sessions;

import locallibrary.SuspiciousOperation;

/** Django's InvalidSessionKey: a key with characters no session key has reached the file engine. */
public final class InvalidSessionKey extends SuspiciousOperation {
    public InvalidSessionKey(String sessionKey) {
        super("Invalid characters in session key: " + sessionKey);
    }
}
