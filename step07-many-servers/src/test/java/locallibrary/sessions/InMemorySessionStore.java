package locallibrary.sessions;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Step 02's store, kept as a stand-in for the tests: sessions in a map, so that a test of {@link Session}
 * needs no database. The server keeps its sessions in the database since step 03.
 */
public final class InMemorySessionStore implements SessionStore {

    private record Stored(Map<String, Object> data, Instant expireDate) {
    }

    /** Every this many new sessions, the expired ones are swept out: nothing else would ever remove them. */
    static final int SWEEP_EVERY = 1000;

    private final Map<String, Stored> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger created = new AtomicInteger();

    @Override
    public Map<String, Object> load(String sessionKey) {
        Stored stored = sessions.get(sessionKey);
        if (stored == null || !stored.expireDate().isAfter(Instant.now())) {
            return null;
        }
        // A copy: a change the view makes counts only once the session is saved.
        return new LinkedHashMap<>(stored.data());
    }

    @Override
    public boolean exists(String sessionKey) {
        return sessions.containsKey(sessionKey);
    }

    @Override
    public String save(String sessionKey, Map<String, Object> data, Instant expireDate, boolean mustCreate) {
        Stored stored = new Stored(new LinkedHashMap<>(data), expireDate);
        if (mustCreate) {
            if (created.incrementAndGet() % SWEEP_EVERY == 0) {
                clearExpired(); // a browser that never comes back leaves its session behind
            }
            if (sessions.putIfAbsent(sessionKey, stored) != null) {
                throw new CreateError();
            }
        } else if (sessions.replace(sessionKey, stored) == null) {
            throw new UpdateError();
        }
        return sessionKey;
    }

    @Override
    public void delete(String sessionKey) {
        sessions.remove(sessionKey);
    }

    @Override
    public Map<String, String> storedRow(String sessionKey) {
        Stored stored = sessions.get(sessionKey);
        return stored == null ? null : Map.of("data", String.valueOf(stored.data()),
                "expire_date", stored.expireDate().toString());
    }

    @Override
    public int clearExpired() {
        Instant now = Instant.now();
        int before = sessions.size();
        sessions.values().removeIf(stored -> !stored.expireDate().isAfter(now));
        return before - sessions.size();
    }
}
