package locallibrary;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The project's settings, Django's {@code settings.py}: same names, same defaults.
 *
 * <p>Each value comes from, in rising order of precedence: Django's default, {@code
 * src/main/resources/settings.properties}, an environment variable of the same name, a JVM system
 * property of the same name ({@code -DNAME=value}).
 */
public final class Settings {

    /** The step's own folder: files the app writes at run time live here, whatever the current directory. */
    public final Path BASE_DIR;
    /** The host names this server answers to, comma-separated; empty (the default) means this machine only. */
    public final List<String> ALLOWED_HOSTS;

    // region:settings
    /** The session cookie's name. */
    public final String SESSION_COOKIE_NAME;
    /** How long a session lives after its last save, in seconds (two weeks); also the cookie's Max-Age. */
    public final int SESSION_COOKIE_AGE;
    /** Keys every signature: whoever knows it can forge session data. */
    public final String SECRET_KEY;
    /** The SQLite file (Django's DATABASES['default']['NAME']); a relative path is taken from BASE_DIR. */
    public final Path DATABASE_PATH;
    // endregion:settings

    private Settings(Source source) {
        BASE_DIR = baseDir();
        ALLOWED_HOSTS = hostList(source.raw("ALLOWED_HOSTS"));
        // region:reading
        SESSION_COOKIE_NAME = source.string("SESSION_COOKIE_NAME", "sessionid");
        SESSION_COOKIE_AGE = source.positiveInt("SESSION_COOKIE_AGE", 1209600);
        SECRET_KEY = source.required("SECRET_KEY");
        DATABASE_PATH = BASE_DIR.resolve(source.string("DATABASE_PATH", "db.sqlite3"));
        // endregion:reading
        source.rejectUnknown();
    }

    /** The settings of this run: settings.properties, then the environment, then -D properties. */
    public static Settings load() {
        return new Settings(new Source(Map.of()));
    }

    /** The same, with some values replaced (tests use this to try a setting). */
    public static Settings load(Map<String, String> overrides) {
        return new Settings(new Source(overrides));
    }

    /** Django's own warning (check security.W009) for a key that says it is not for production. */
    public boolean usesDevelopmentSecretKey() {
        return SECRET_KEY.startsWith("django-insecure-");
    }

    /** The port to listen on: {@code -Dport=N}, 8000 by default (runserver's), 0 for any free port. */
    public static int port() {
        String value = System.getProperty("port", "8000");
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ImproperlyConfigured("-Dport must be a number from 0 to 65535, like -Dport=8001 (got '" + value + "')");
    }

    /** "a.example, .b.example" becomes [a.example, .b.example]; nothing becomes an empty list. */
    private static List<String> hostList(String text) {
        return text == null || text.isBlank() ? List.of() : List.of(text.strip().split("\\s*,\\s*"));
    }

    /** target/classes sits two levels below the step's folder. */
    private static Path baseDir() {
        try {
            Path classes = Path.of(Settings.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where values come from, and the checks that turn text into typed values. */
    static final class Source {
        private final Properties file = new Properties();
        private final Map<String, String> overrides;
        private final Set<String> known = new LinkedHashSet<>();

        Source(Map<String, String> overrides) {
            this.overrides = new HashMap<>(overrides);
            try (InputStream in = Settings.class.getResourceAsStream("/settings.properties")) {
                if (in != null) {
                    file.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new ImproperlyConfigured("cannot read settings.properties: " + e.getMessage());
            }
        }

        /** The raw text for a setting, or null when nothing sets it. */
        String raw(String name) {
            known.add(name);
            if (overrides.containsKey(name)) {
                return overrides.get(name);
            }
            String value = System.getProperty(name);
            if (value == null) {
                value = System.getenv(name);
            }
            if (value == null) {
                value = file.getProperty(name);
            }
            return value == null ? null : value.trim();
        }

        String string(String name, String defaultValue) {
            String value = raw(name);
            return value == null ? defaultValue : value;
        }

        int positiveInt(String name, int defaultValue) {
            String value = raw(name);
            if (value == null) {
                return defaultValue;
            }
            try {
                int number = Integer.parseInt(value);
                if (number > 0) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new ImproperlyConfigured(name + " must be a whole number above 0, like " + name + "="
                    + defaultValue + " (got '" + value + "')");
        }

        /** Django refuses to start without some settings, SECRET_KEY first among them. */
        String required(String name) {
            String value = raw(name);
            if (value == null || value.isEmpty()) {
                throw new ImproperlyConfigured("The " + name + " setting must not be empty: set it in settings.properties"
                        + " or with -D" + name + "=...");
            }
            return value;
        }

        /** A name in settings.properties that no setting reads is a typo: say so rather than ignore it. */
        void rejectUnknown() {
            for (String name : file.stringPropertyNames()) {
                if (!known.contains(name)) {
                    throw new ImproperlyConfigured("settings.properties sets " + name
                            + ", which is not a setting of this step (known: " + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
                }
            }
        }
    }
}
