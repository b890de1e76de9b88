package locallibrary;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import locallibrary.sessions.SessionEngines;

/**
 * The project's settings, Django's {@code settings.py}: same names, same defaults.
 *
 * <p>Each value comes from, in rising order of precedence: Django's default, {@code
 * src/main/resources/settings.properties}, an environment variable of the same name, a JVM system
 * property of the same name ({@code -DNAME=value}).
 */
public final class Settings {

    /**
     * Every setting of every step, and the first step that reads it: a -D name that no step reads is a
     * typo, and one that only a later step reads gets a message naming that step.
     */
    static final Map<String, String> ALL_SETTINGS = Map.ofEntries(
            Map.entry("ALLOWED_HOSTS", "step01-stateless"),
            Map.entry("SESSION_COOKIE_NAME", "step02-cookie-id"),
            Map.entry("SESSION_COOKIE_AGE", "step02-cookie-id"),
            Map.entry("SECRET_KEY", "step03-db-sessions"),
            Map.entry("DATABASE_PATH", "step03-db-sessions"),
            Map.entry("SESSION_COOKIE_DOMAIN", "step05-settings"),
            Map.entry("SESSION_COOKIE_PATH", "step05-settings"),
            Map.entry("SESSION_COOKIE_HTTPONLY", "step05-settings"),
            Map.entry("SESSION_COOKIE_SECURE", "step05-settings"),
            Map.entry("SESSION_COOKIE_SAMESITE", "step05-settings"),
            Map.entry("SESSION_EXPIRE_AT_BROWSER_CLOSE", "step05-settings"),
            Map.entry("SESSION_SAVE_EVERY_REQUEST", "step05-settings"),
            Map.entry("SESSION_ENGINE", "step06-engines"),
            Map.entry("SESSION_FILE_PATH", "step06-engines"),
            Map.entry("SESSION_SERIALIZER", "step05-settings"),
            Map.entry("DATABASES", "step07-many-servers"),
            Map.entry("CACHES", "step07-many-servers"),
            Map.entry("SERVERS", "step07-many-servers"));

    /** The step's own folder: files the app writes at run time live here, whatever the current directory. */
    public final Path BASE_DIR;
    /** The host names this server answers to, comma-separated; empty (the default) means this machine only. */
    public final List<String> ALLOWED_HOSTS;

    /** The session cookie's name. */
    public final String SESSION_COOKIE_NAME;
    /** How long a session lives after its last save, in seconds (two weeks); also the cookie's Max-Age. */
    public final int SESSION_COOKIE_AGE;
    /** Keys every signature: whoever knows it can forge session data. */
    public final String SECRET_KEY;
    /** The SQLite file (Django's DATABASES['default']['NAME']); a relative path is taken from BASE_DIR. */
    public final Path DATABASE_PATH;
    /** The cookie's Domain attribute, or null for none (the cookie goes back only to the host that set it). */
    public final String SESSION_COOKIE_DOMAIN;
    /** The cookie's Path attribute: the browser sends the cookie only below this path. */
    public final String SESSION_COOKIE_PATH;
    /** HttpOnly: page scripts cannot read the cookie. */
    public final boolean SESSION_COOKIE_HTTPONLY;
    /** Secure: the browser sends the cookie over HTTPS only. */
    public final boolean SESSION_COOKIE_SECURE;
    /** SameSite: Lax, Strict or None as spelled in the setting, or null for no attribute (Django's False). */
    public final String SESSION_COOKIE_SAMESITE;
    /** A browser-session cookie (no Max-Age, no expires), gone when the browser closes. */
    public final boolean SESSION_EXPIRE_AT_BROWSER_CLOSE;
    /** Save the session and re-send the cookie on every request, not only when the session changed. */
    public final boolean SESSION_SAVE_EVERY_REQUEST;
    /** Where sessions live: "db", "file", "cache", "cached_db" or "signed_cookies" (Django's engines, short names). */
    public final String SESSION_ENGINE;
    /** The folder of the file engine (Django's default: the system's temporary folder). */
    public final Path SESSION_FILE_PATH;
    /** How session data becomes text: JSON, the only serializer Django still ships. */
    public final String SESSION_SERIALIZER;

    private final List<String> changed;

    private Settings(Source source) {
        BASE_DIR = baseDir();
        ALLOWED_HOSTS = hostList(source.raw("ALLOWED_HOSTS"));
        // region:reading
        SESSION_COOKIE_NAME = source.cookieName("SESSION_COOKIE_NAME", "sessionid");
        SESSION_COOKIE_AGE = source.seconds("SESSION_COOKIE_AGE", 1209600);
        SECRET_KEY = source.required("SECRET_KEY");
        String databasePath = source.raw("DATABASE_PATH");
        DATABASE_PATH = BASE_DIR.resolve(databasePath == null ? "db.sqlite3" : databasePath);
        SESSION_COOKIE_DOMAIN = source.optional("SESSION_COOKIE_DOMAIN");
        SESSION_COOKIE_PATH = source.path("SESSION_COOKIE_PATH", "/");
        SESSION_COOKIE_HTTPONLY = source.bool("SESSION_COOKIE_HTTPONLY", true);
        SESSION_COOKIE_SECURE = source.bool("SESSION_COOKIE_SECURE", false);
        SESSION_COOKIE_SAMESITE = source.sameSite("SESSION_COOKIE_SAMESITE", "Lax");
        SESSION_EXPIRE_AT_BROWSER_CLOSE = source.bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", false);
        SESSION_SAVE_EVERY_REQUEST = source.bool("SESSION_SAVE_EVERY_REQUEST", false);
        SESSION_ENGINE = source.engine("SESSION_ENGINE", "db");
        String filePath = source.optional("SESSION_FILE_PATH");
        SESSION_FILE_PATH = filePath == null
                ? Path.of(System.getProperty("java.io.tmpdir"))
                : BASE_DIR.resolve(filePath);
        SESSION_SERIALIZER = source.serializer("SESSION_SERIALIZER");
        // endregion:reading
        source.rejectUnknown();
        changed = source.changed();
    }

    /** The settings of this run: settings.properties, then the environment, then -D properties. */
    public static Settings load() {
        return load(Map.of());
    }

    /** The same, with some values replaced (tests use this to try a setting). */
    public static Settings load(Map<String, String> overrides) {
        return load(overrides, System.getProperties());
    }

    /** The same, with the -D properties of the test's choosing. */
    static Settings load(Map<String, String> overrides, Properties systemProperties) {
        return new Settings(new Source(overrides, systemProperties));
    }

    /** The settings this run changes from Django's defaults, as NAME=value, for the start-up banner. */
    public List<String> changedFromDjangosDefaults() {
        return changed;
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
        throw new ImproperlyConfigured(
                "-Dport must be a number from 0 to 65535, like -Dport=8001 (got '" + value + "')");
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
        private final Properties system;
        private final Set<String> known = new LinkedHashSet<>();
        private final List<String> changes = new ArrayList<>();

        Source(Map<String, String> overrides, Properties system) {
            this.overrides = new HashMap<>(overrides);
            this.system = system;
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
            String value = system.getProperty(name);
            if (value == null) {
                // Only known names are read from the environment, never listed: desktops set SESSION_MANAGER.
                value = System.getenv(name);
            }
            if (value == null) {
                value = file.getProperty(name);
            }
            return value == null ? null : value.trim();
        }

        String string(String name, String defaultValue) {
            String value = raw(name);
            noteChange(name, value, defaultValue);
            return value == null ? defaultValue : value;
        }

        /** A setting whose default is "none" (Django's None): null when unset or empty. */
        String optional(String name) {
            String value = raw(name);
            value = value == null || value.isEmpty() ? null : value;
            noteChange(name, value, null);
            return value;
        }

        String path(String name, String defaultValue) {
            String value = string(name, defaultValue);
            if (!value.startsWith("/")) {
                throw new ImproperlyConfigured(name + " must be a URL path starting with /, like " + name
                        + "=/library (got '" + value + "')");
            }
            return value;
        }

        boolean bool(String name, boolean defaultValue) {
            String value = raw(name);
            if (value == null) {
                return defaultValue;
            }
            boolean result = switch (value.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new ImproperlyConfigured(name + " must be true or false (got '" + value + "')");
            };
            // Compared as parsed: TRUE is Django's default true, not a change.
            noteChange(name, String.valueOf(result), String.valueOf(defaultValue));
            return result;
        }

        /**
         * Lax, Strict or None in any letters, written into the cookie as given (Django checks the value, then
         * writes it unchanged); "off" (Django's False) sends no SameSite attribute.
         */
        String sameSite(String name, String defaultValue) {
            String value = raw(name);
            if (value == null) {
                return defaultValue;
            }
            String result = switch (value.toLowerCase(Locale.ROOT)) {
                case "lax", "strict", "none" -> value;
                case "off", "false" -> null;
                default -> throw new ImproperlyConfigured(
                        name + " must be Lax, Strict, None, or off (got '" + value + "')");
            };
            // Browsers ignore the letters' case: lax is the default Lax, not a change.
            if (result == null || !result.equalsIgnoreCase(defaultValue)) {
                noteChange(name, result == null ? "off" : result, defaultValue);
            }
            return result;
        }

        /** Django's engine names, with or without the "django.contrib.sessions.backends." prefix. */
        String engine(String name, String defaultValue) {
            String value = raw(name);
            if (value == null) {
                return defaultValue;
            }
            String engine = value.replaceFirst("^django\\.contrib\\.sessions\\.backends\\.", "");
            noteChange(name, engine, defaultValue);
            if (!SessionEngines.names().contains(engine)) {
                throw new ImproperlyConfigured(name + " must be one of " + String.join(", ", SessionEngines.names())
                        + " (got '" + value + "')");
            }
            return engine;
        }

        /** JSON only: Django 5 removed the pickle serializer, and no other one ships with Django. */
        String serializer(String name) {
            String value = raw(name);
            String json = "django.contrib.sessions.serializers.JSONSerializer";
            if (value == null || value.equals(json) || value.equalsIgnoreCase("json")) {
                return json;
            }
            throw new ImproperlyConfigured(name + " must be " + json + " (or json): sessions are stored as JSON"
                    + " (got '" + value + "')");
        }

        private void noteChange(String name, String value, String defaultValue) {
            if (value != null && !value.equals(defaultValue)) {
                changes.add(name + "=" + value);
            }
        }

        List<String> changed() {
            return List.copyOf(changes);
        }

        /** A number of seconds, 0 or more: Django takes 0 too (the cookie then gets Max-Age=0). */
        int seconds(String name, int defaultValue) {
            String value = raw(name);
            if (value == null) {
                return defaultValue;
            }
            try {
                int number = Integer.parseInt(value);
                if (number >= 0) {
                    noteChange(name, String.valueOf(number), String.valueOf(defaultValue));
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new ImproperlyConfigured(name + " must be a whole number of seconds, 0 or more, like " + name + "="
                    + defaultValue + " (got '" + value + "')");
        }

        /**
         * A cookie name is an RFC 6265 token: at least one character, none of them a space, a control
         * character or one of ()<>@,;:\"/[]?={}. Anything else makes a Set-Cookie header browsers misread.
         */
        String cookieName(String name, String defaultValue) {
            String value = string(name, defaultValue);
            String separators = "()<>@,;:\\\"/[]?={}";
            if (value.isEmpty() || !value.chars().allMatch(c -> c > 32 && c < 127 && separators.indexOf(c) < 0)) {
                throw new ImproperlyConfigured(name + " must be a cookie name: letters, digits and !#$%&'*+-.^_`|~,"
                        + " at least one (got '" + value + "')");
            }
            return value;
        }

        /** Django refuses to start without some settings, SECRET_KEY first among them. */
        String required(String name) {
            String value = raw(name);
            if (value == null || value.isEmpty()) {
                throw new ImproperlyConfigured("The " + name
                        + " setting must not be empty: set it in settings.properties"
                        + " or with -D" + name + "=...");
            }
            return value;
        }

        /**
         * A name in settings.properties, or a -D property that looks like a setting, that no setting of this
         * step reads is a typo or belongs to another step: say so rather than ignore it.
         */
        void rejectUnknown() {
            for (String name : file.stringPropertyNames()) {
                if (!known.contains(name)) {
                    throw new ImproperlyConfigured("settings.properties sets " + name
                            + ", which is not a setting of this step (known: "
                            + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
                }
            }
            for (String name : system.stringPropertyNames()) {
                if (!known.contains(name) && looksLikeASetting(name)) {
                    throw new ImproperlyConfigured(unknownProperty(name));
                }
            }
        }

        /** Django's prefixes, or a name a typo away from a setting; Java's and Maven's own properties are not. */
        private static boolean looksLikeASetting(String name) {
            String upper = name.toUpperCase(Locale.ROOT);
            return upper.startsWith("SESSION_") || upper.startsWith("SECRET_") || upper.startsWith("DATABASE_")
                    || ALL_SETTINGS.containsKey(settingOf(name))
                    || editDistance(upper, closest(upper)) <= 2;
        }

        /** The one line that says what is wrong with -DNAME, and which setting was probably meant. */
        private String unknownProperty(String name) {
            String step = ALL_SETTINGS.get(settingOf(name));
            if (step != null) {
                return "-D" + name + " is not a setting of this step: it arrives in " + step;
            }
            String guess = closest(name.toUpperCase(Locale.ROOT));
            return "-D" + name + " is not a setting of this step: did you mean " + guess
                    + (known.contains(guess) ? "" : " (a setting of " + ALL_SETTINGS.get(guess) + ")") + "?";
        }

        /** Django's dict settings are given key by key: -DDATABASES.default.ENGINE=... belongs to DATABASES. */
        private static String settingOf(String name) {
            int dot = name.indexOf('.');
            return dot < 0 ? name : name.substring(0, dot);
        }

        /** The setting (of any step) whose name is the fewest typing mistakes away. */
        private static String closest(String name) {
            String best = null;
            for (String setting : new TreeSet<>(ALL_SETTINGS.keySet())) {
                if (best == null || editDistance(name, setting) < editDistance(name, best)) {
                    best = setting;
                }
            }
            return best;
        }

        /** Levenshtein distance: how many letters to add, remove or change to turn a into b. */
        static int editDistance(String a, String b) {
            int[] previous = new int[b.length() + 1];
            for (int j = 0; j <= b.length(); j++) {
                previous[j] = j;
            }
            for (int i = 1; i <= a.length(); i++) {
                int[] current = new int[b.length() + 1];
                current[0] = i;
                for (int j = 1; j <= b.length(); j++) {
                    int change = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                    current[j] = Math.min(change, Math.min(previous[j], current[j - 1]) + 1);
                }
                previous = current;
            }
            return previous[b.length()];
        }
    }
}
