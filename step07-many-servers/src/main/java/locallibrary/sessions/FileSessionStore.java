package locallibrary.sessions;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import locallibrary.DatabaseError;
import locallibrary.ImproperlyConfigured;

/**
 * Sessions as files, one per session, as Django's {@code django.contrib.sessions.backends.file} keeps
 * them: the file {@code sessionid<key>} in SESSION_FILE_PATH holds the same signed text as the
 * {@code session_data} column. They survive a restart; several server processes share them only if they
 * share the folder. The expiry is not written anywhere: it is the file's last-modified time plus the
 * session's expiry age. The folder may be shared with other users (the system's temporary folder, by default),
 * so the engine trusts nothing in it that it did not write itself (see {@link #readOwnFile}).
 */
public final class FileSessionStore implements SessionStore {

    private static final Logger LOG = Logger.getLogger(FileSessionStore.class.getName());
    /**
     * The most a session file may hold: 64 MiB. A larger file is refused unread (a link to /dev/zero would
     * never end), and a save that would write more is refused, so that what saves also loads.
     */
    static final int MAX_FILE_BYTES = 64 * 1024 * 1024;
    /** rw------- (octal 0600): only the server's user may read or write a session file. */
    private static final int OWNER_ONLY_MODE = 0600;
    /** The permission bits of a Unix mode; the other bits tell a file from a folder, a link, ... */
    private static final int PERMISSION_BITS = 0777;
    /** How a new session's file is made: only if nothing (not even a link) has its name yet. */
    private static final Set<StandardOpenOption> CREATE_NEW_FILE = Set.of(StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);

    private final Path folder;
    private final String filePrefix;
    private final int cookieAge;
    private final SignedSessionData signed;
    private final Clock clock;
    /** Whether files have a Unix owner and mode (Windows has neither): then files are made and read as 0600. */
    private final boolean unix;
    /** The user id the server runs as, which owns every file it makes; null if the system cannot say. */
    private final Integer serverUid;
    /** What readOwnFile asks about a file: one look at it (one stat call) answers every question. */
    private final String attributesToCheck;
    /** Files are made as 0600 where files have a Unix mode (umask can only take bits away). */
    private final FileAttribute<?>[] ownerOnly;

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
        // Looked up once, here: what every load and save would otherwise ask the system again.
        this.unix = folder.getFileSystem().supportedFileAttributeViews().contains("unix");
        this.serverUid = unix ? lookUpServerUid() : null;
        this.attributesToCheck = unix ? "unix:isSymbolicLink,isRegularFile,size,lastModifiedTime,uid,mode"
                : "basic:isSymbolicLink,isRegularFile,size,lastModifiedTime";
        this.ownerOnly = unix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"))} : new FileAttribute<?>[0];
    }

    /**
     * The user id of this process, comparable with a file's "unix:uid" (a number: turning it into a user
     * name, as Files.getOwner does, reads /etc/passwd every time). Null if the system cannot say.
     */
    private static Integer lookUpServerUid() {
        try {
            return (int) new UnixSystem().getUid();
        } catch (UnsatisfiedLinkError unknown) {
            return null;
        }
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
        StoredFile stored;
        try {
            stored = readOwnFile(file, sessionKey);
        } catch (IOException e) {
            // No such file (never made, deleted, or too long a name): the caller forgets the key.
            return null;
        }
        if (stored == null) {
            // A file we did not write: no session of ours, so the caller forgets the key.
            return null;
        }
        // An empty file is a new session whose data is still being written (see save): no data yet.
        String content = stored.content();
        Map<String, Object> data = content.isEmpty() ? new LinkedHashMap<>() : signed.decode(content);
        if (!expiryDate(data, stored.lastModified()).isAfter(clock.instant())) {
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
        // Read as the session reads it: a choice that cannot be read counts as none.
        Object expiry = Session.readExpiry(data.get(Session.EXPIRY_KEY));
        if (expiry instanceof Instant moment) {
            return moment;
        }
        // 0 means "at browser close" (the cookie age decides here); a negative number is already past.
        if (expiry instanceof Integer seconds && seconds != 0) {
            return lastModified.plusSeconds(seconds);
        }
        return lastModified.plusSeconds(cookieAge);
    }
    // endregion:load

    /** What a session file holds, and when it was last modified: the session's last save. */
    private record StoredFile(String content, Instant lastModified) {
    }

    // region:read-own-file
    /**
     * The text of a session file, or null (and one warning) when it is not a file this server wrote:
     * anyone may put files into a shared folder. Read only a regular file (a symbolic link is not
     * followed), owned by the server's user, readable by that user alone (0600), and of at most
     * MAX_FILE_BYTES; never more than that is read, even if the file grows meanwhile.
     */
    private StoredFile readOwnFile(Path file, String sessionKey) throws IOException {
        // One look at the file answers every question (Files.getOwner, Files.size, ... would each look again).
        Map<String, Object> attributes = Files.readAttributes(file, attributesToCheck, LinkOption.NOFOLLOW_LINKS);
        String refused = (boolean) attributes.get("isSymbolicLink") ? "a symbolic link"
                : !(boolean) attributes.get("isRegularFile") ? "not a regular file"
                : (long) attributes.get("size") > MAX_FILE_BYTES ? "larger than " + MAX_FILE_BYTES + " bytes"
                : serverUid != null && !serverUid.equals(attributes.get("uid")) ? "owned by another user"
                : unix && ((int) attributes.get("mode") & PERMISSION_BITS) != OWNER_ONLY_MODE
                        ? "readable or writable by other users"
                : null;
        if (refused == null) {
            try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                byte[] content = in.readNBytes(MAX_FILE_BYTES + 1);
                if (content.length <= MAX_FILE_BYTES) {
                    Instant lastModified = ((FileTime) attributes.get("lastModifiedTime")).toInstant();
                    return new StoredFile(new String(content, StandardCharsets.US_ASCII), lastModified);
                }
                refused = "larger than " + MAX_FILE_BYTES + " bytes";
            }
        }
        // The key itself never goes into a log, where anyone who reads it could use it: a short hash tells
        // two files apart.
        LOG.warning("Ignored the session file of key #" + shortHash(sessionKey) + ": " + refused);
        return null;
    }
    // endregion:read-own-file

    /** The first 8 hex digits of the key's SHA-256: enough to tell keys apart in a log, useless as a key. */
    static String shortHash(String sessionKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sessionKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    @Override
    public boolean exists(String sessionKey) {
        Path file = keyToFile(sessionKey);
        // A link or a file of someone else's under this name takes the key too: no session of ours may use it.
        return file != null && Files.exists(file, LinkOption.NOFOLLOW_LINKS);
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
        if (content.length() > MAX_FILE_BYTES) {
            // Refused now, with a reason, rather than saved and then refused at the next load.
            throw new IllegalArgumentException("A session of " + content.length() + " bytes is larger than the"
                    + " file engine stores (at most " + MAX_FILE_BYTES + " bytes)");
        }
        FileChannel sessionFile;
        try {
            sessionFile = mustCreate ? FileChannel.open(file, CREATE_NEW_FILE, ownerOnly)
                    : FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (FileAlreadyExistsException taken) {
            throw new CreateError();
        } catch (IOException e) {
            checkFolderUsable(e);
            // Another request deleted the session while this one ran: do not bring it back.
            throw new UpdateError();
        }
        Path temporary = null;
        // Closed after the rename: the old file, replaced, is then freed here rather than inside the rename,
        // which locks the folder for every request.
        try (sessionFile) {
            temporary = Files.createTempFile(folder, filePrefix + sessionKey + "_out_", "", ownerOnly);
            Files.writeString(temporary, content, StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            temporary = null;
        } catch (IOException e) {
            checkFolderUsable(e);
            // Django ignores a failed write (a full disk, say): the session keeps its old data, or none.
            LOG.warning("cannot write the session file of key #" + shortHash(sessionKey) + ": " + reason(e));
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

    // region:folder-unusable
    /**
     * A folder that is gone or read-only is no client's mistake, and no bug: to the visitor it is the same
     * trouble as a failing database, so it gets the same 503 page and one log line (as a DatabaseError).
     */
    private void checkFolderUsable(IOException e) {
        if (!Files.isDirectory(folder) || !Files.isWritable(folder)) {
            throw new DatabaseError(new SQLException("the session folder " + folder
                    + " is missing or not writable (" + reason(e) + ")", e));
        }
    }
    // endregion:folder-unusable

    /** What went wrong, without the file's name: the name holds the session key. */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException failed) {
            return e.getClass().getSimpleName() + (failed.getReason() == null ? "" : ": " + failed.getReason());
        }
        return e.getClass().getSimpleName();
    }

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
            LOG.warning("cannot delete the session file of key #" + shortHash(sessionKey) + ": " + reason(e));
        }
    }

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
            LOG.warning("cannot list the session folder " + folder + ": " + reason(e));
        }
        return deleted;
    }

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
        if (file == null || !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            StoredFile stored = readOwnFile(file, sessionKey);
            if (stored == null) {
                return null;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("file", file.toString());
            fields.put("content", stored.content());
            fields.put("last modified", stored.lastModified() + " (the last save)");
            fields.put("expires", expiryDate(dataOrNone(stored.content()), stored.lastModified())
                    + " (last modified + the expiry age; not stored)");
            fields.put("content decoded", signed.describe(stored.content()));
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
