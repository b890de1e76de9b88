package locallibrary.web;

import java.time.Instant;

/**
 * A cookie to send, with the attributes of Django's {@code set_cookie(key, value, max_age=None,
 * expires=None, path='/', domain=None, secure=False, httponly=False, samesite=None)}, each set by its
 * name: {@code new Cookie("sessionid", key).maxAge(60).httpOnly(true)}. {@link Cookies#setCookie} writes it.
 * A null maxAge, expires, domain or sameSite leaves that attribute out of the header.
 */
public record Cookie(String name, String value, Integer maxAge, Instant expires, String domain, String path,
        boolean secure, boolean httpOnly, String sameSite) {

    /** Django's defaults: Path=/ and nothing else. */
    public Cookie(String name, String value) {
        this(name, value, null, null, null, "/", false, false, null);
    }

    public Cookie maxAge(Integer maxAge) {
        return new Cookie(name, value, maxAge, expires, domain, path, secure, httpOnly, sameSite);
    }

    public Cookie expires(Instant expires) {
        return new Cookie(name, value, maxAge, expires, domain, path, secure, httpOnly, sameSite);
    }

    public Cookie domain(String domain) {
        return new Cookie(name, value, maxAge, expires, domain, path, secure, httpOnly, sameSite);
    }

    public Cookie path(String path) {
        return new Cookie(name, value, maxAge, expires, domain, path, secure, httpOnly, sameSite);
    }

    public Cookie secure(boolean secure) {
        return new Cookie(name, value, maxAge, expires, domain, path, secure, httpOnly, sameSite);
    }

    public Cookie httpOnly(boolean httpOnly) {
        return new Cookie(name, value, maxAge, expires, domain, path, secure, httpOnly, sameSite);
    }

    public Cookie sameSite(String sameSite) {
        return new Cookie(name, value, maxAge, expires, domain, path, secure, httpOnly, sameSite);
    }
}
