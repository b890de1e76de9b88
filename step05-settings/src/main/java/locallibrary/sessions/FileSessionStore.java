package locallibrary.sessions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
import locallibrary.ImproperlyConfigured;

/**
 * Sessions as files, one per session, as Django's {@code django.contrib.sessions.backends.file} keeps
 * them: the file {@code sessionid<key>} in SESSION_FILE_PATH holds the same signed text as the
 * {@code session_data} column. They survive a restart; several server processes share them only if they
 * share the folder. The expiry is not written anywhere: it is the file's last-modified time plus the
 * session's expiry age.
 */
public final class FileSessionStore implements SessionStore {

    private static final Logger LOG = Logger.getLogger(FileSessionStore.class.getName());

    private final Path folder;
    private final String filePrefix;
    private final int cookieAge;
    private final SignedSessionData signed;
    private final Clock clock;

    public FileSessionStore(Path folder, String cookieName, int cookieAge, String secretKey) {
        this(folder, cookieName, cookieAge, secretKey, Clock.systemUTC());
    }

    /** With a clock of the test's choosing, so that a test can let two weeks pass at once. */
    FileSessionStore(Path folder, String cookieName, int cookieAge, String secretKey, Clock clock) {
        // Like Django: the folder must exist already; a typo in the setting should not create folders.
        if (!Files.isDirectory(folder)) {
            throw new ImproperlyConfigured("The session storage path " + folder + " doesn't exist."
                    + " Set SESSION_FILE_PATH to an existing folder in which the server can store session data.");
        }
        this.folder = folder;
        this.filePrefix = cookieName;
        this.cookieAge = cookieAge;
        this.signed = new SignedSessionData(secretKey);
        this.clock = clock;
    }

    // region:key-to-file
    /**
     * The file of a session, or null for a key that no session of ours can have. The key comes from a
     * cookie, that is from anyone: "../../etc/passwd" must never become a path. Our keys use a-z and 0-9
     * only, so anything else is refused before it gets near the file system.
     */
    Path keyToFile(String sessionKey) {
        if (sessionKey == null || sessionKey.isEmpty()
                || !sessionKey.chars().allMatch(c -> Session.VALID_KEY_CHARS.indexOf(c) >= 0)) {
            return null;
        }
        return folder.resolve(filePrefix + sessionKey);
    }
    // endregion:key-to-file

    // region:load
    @Override
    public Map<String, Object> load(String sessionKey) {
        Path file = keyToFile(sessionKey);
        if (file == null) {
            return null;
        }
        String content;
        Instant lastModified;
        try {
            lastModified = Files.getLastModifiedTime(file).toInstant();
            content = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            // No such file (never made, deleted, or too long a name): the caller forgets the key.
            return null;
        }
        // An empty file is a new session whose data is still being written (see save): no data yet.
        Map<String, Object> data = content.isEmpty() ? new LinkedHashMap<>() : signed.decode(content);
        if (!expiryDate(data, lastModified).isAfter(clock.instant())) {
            // Expired: Django deletes the file at once, rather than waiting for clearsessions, and starts anew.
            delete(sessionKey);
            throw new StartNewSession(LoadOutcome.EXPIRED);
        }
        return data;
    }

    /**
     * When a session stored at {@code lastModified} expires. Django's file engine: the date set_expiry
     * stored in the session, else the last save plus the expiry age (set_expiry's seconds, or SESSION_COOKIE_AGE).
     */
    private Instant expiryDate(Map<String, Object> data, Instant lastModified) {
        Object expiry = data.get(Session.EXPIRY_KEY);
        if (expiry instanceof String moment) {
            try {
                return Session.parseInstant(moment);
            } catch (DateTimeParseException notADate) {
                // Not a date after all: fall back to the cookie age, as for no expiry at all.
            }
        }
        // 0 means "at browser close" (the cookie age decides here); a negative number is already past.
        if (expiry instanceof Number seconds && seconds.longValue() != 0) {
            return lastModified.plusSeconds(seconds.longValue());
        }
        return lastModified.plusSeconds(cookieAge);
    }
    // endregion:load

    @Override
    public boolean exists(String sessionKey) {
        Path file = keyToFile(sessionKey);
        return file != null && Files.exists(file);
    }

    // region:save
    /**
     * Django's two steps. First make sure the file exists (creating it empty when the session is new, and
     * failing if another session took the key), or still exists (when updating). Then write the data to
     * a temporary file in the same folder and rename it over the session's file: a rename is atomic, so a
     * request that reads the file at the same moment sees the old data or the new, never half of it.
     * The expiry date is not stored: the file's modification time, now, is the last save.
     */
    @Override
    public String save(String sessionKey, Map<String, Object> data, Instant expireDate, boolean mustCreate) {
        Path file = keyToFile(sessionKey);
        if (file == null) {
            // No session can have this key, so none can be updated (Django refuses it as suspicious).
            throw mustCreate ? new IllegalArgumentException("not a session key: " + sessionKey) : new UpdateError();
        }
        String content = signed.encode(data);
        try {
            if (mustCreate) {
                Files.createFile(file);
            } else {
                FileChannel.open(file, StandardOpenOption.WRITE).close();
            }
        } catch (FileAlreadyExistsException taken) {
            throw new CreateError();
        } catch (NoSuchFileException gone) {
            // Another request deleted the session while this one ran: do not bring it back.
            throw new UpdateError();
        } catch (IOException e) {
            // A folder we may not write to is a configuration problem: say so (Django fails here too).
            throw new UncheckedIOException("cannot create the session file " + file, e);
        }
        Path temporary = null;
        try {
            temporary = Files.createTempFile(folder, filePrefix + sessionKey + "_out_", "");
            Files.writeString(temporary, content, StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            temporary = null;
        } catch (IOException e) {
            // Django ignores a failed write (a full disk, say): the session keeps its old data, or none.
            LOG.warning("cannot write the session file " + file + ": " + e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    // nothing more we can do; the name does not look like a session, so it is never loaded
                }
            }
        }
        return sessionKey;
    }
    // endregion:save

    @Override
    public void delete(String sessionKey) {
        Path file = keyToFile(sessionKey);
        if (file == null) {
            // flush() on a key nobody loaded: Django's _key_to_file refuses it as suspicious, a 400.
            throw new InvalidSessionKey(sessionKey);
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warning("cannot delete the session file " + file + ": " + e);
        }
    }

    // region:clear-expired
    /** Loads every session file of the folder; loading an expired one deletes it (Django does the same). */
    @Override
    public int clearExpired() {
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, filePrefix + "*")) {
            for (Path file : files) {
                String key = file.getFileName().toString().substring(filePrefix.length());
                // Temporary files ("..._out_123") and other people's files have no valid key: left alone.
                if (keyToFile(key) != null && expiredAndDeleted(key, file)) {
                    deleted++;
                }
            }
        } catch (IOException e) {
            LOG.warning("cannot list the session folder " + folder + ": " + e);
        }
        return deleted;
    }
    // endregion:clear-expired

    private boolean expiredAndDeleted(String key, Path file) {
        try {
            load(key);
        } catch (StartNewSession expired) {
            return !Files.exists(file);
        }
        return false;
    }

    @Override
    public Map<String, String> storedRow(String sessionKey) {
        Path file = keyToFile(sessionKey);
        if (file == null || !Files.exists(file)) {
            return null;
        }
        try {
            Instant lastModified = Files.getLastModifiedTime(file).toInstant();
            String content = Files.readString(file, StandardCharsets.US_ASCII);
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("file", file.toString());
            fields.put("content", content);
            fields.put("last modified", lastModified + " (the last save)");
            fields.put("expires", expiryDate(dataOrNone(content), lastModified)
                    + " (last modified + the expiry age; not stored)");
            fields.put("content decoded", signed.describe(content));
            return fields;
        } catch (IOException e) {
            return null;
        }
    }

    /** The data, or none when the signature fails; no warning: the panel only looks. */
    private Map<String, Object> dataOrNone(String content) {
        Map<String, Object> data = signed.decodeQuietly(content);
        return data == null ? Map.of() : data;
    }
}
