package locallibrary.sessions;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A cache inside this server process, like Django's default {@code LocMemCache}: fast, bounded (when it is
 * full the least useful entries are dropped), and seen by this process only, so Django's documentation calls
 * it not multi-process safe: another app server never sees what this one stored.
 */
final class LocMemCache implements SessionCache {

    /** An entry: the value, and when it expires. */
    private record Entry(String value, Instant expireDate) {
    }

    /**
     * And at most this much text, 16 MiB: a few huge sessions (a form can post megabytes) must not fill the
     * server's memory. 10,000 sessions of up to 1,677 characters each fit, far more than a session holds.
     */
    static final long MAXIMUM_BYTES = 16 * 1024 * 1024;

    private final Cache<String, Entry> cache;
    private final long maximumSize;

    /** At most this many entries, whose lifetimes are measured by this clock and ticker (a test's, or the real). */
    LocMemCache(long maximumSize, Clock clock, Ticker ticker) {
        this.cache = Caffeine.newBuilder()
                // An entry weighs its text's length (a byte a character: the text is ASCII), and at least a
                // maximumSize-th of MAXIMUM_BYTES: so the cache holds at most maximumSize entries, and 16 MiB.
                .maximumWeight(MAXIMUM_BYTES)
                .weigher((String key, Entry entry) ->
                        (int) Math.max(entry.value().length(), MAXIMUM_BYTES / maximumSize))
                // Each entry lives until its own session's expiry date, counted again at every save.
                .expireAfter(Expiry.writing((String key, Entry entry) -> timeLeft(entry, clock)))
                .ticker(ticker)
                .build();
        this.maximumSize = maximumSize;
    }

    private static Duration timeLeft(Entry entry, Clock clock) {
        Duration left = Duration.between(clock.instant(), entry.expireDate());
        // An expiry date already past: the entry is gone at once (Django's cache does the same with a timeout of 0).
        return left.isNegative() ? Duration.ZERO : left;
    }

    @Override
    public String get(String key) {
        Entry entry = cache.getIfPresent(key);
        return entry == null ? null : entry.value();
    }

    @Override
    public Instant expireDate(String key) {
        Entry entry = cache.getIfPresent(key);
        return entry == null ? null : entry.expireDate();
    }

    @Override
    public boolean add(String key, String value, Instant expireDate) {
        return cache.asMap().putIfAbsent(key, new Entry(value, expireDate)) == null;
    }

    @Override
    public boolean replace(String key, String value, Instant expireDate) {
        return cache.asMap().replace(key, new Entry(value, expireDate)) != null;
    }

    @Override
    public void set(String key, String value, Instant expireDate) {
        cache.put(key, new Entry(value, expireDate));
    }

    @Override
    public void delete(String key) {
        cache.invalidate(key);
    }

    /** Kept as given: nobody else reads this memory, so no prefix and version are needed to share it. */
    @Override
    public String makeKey(String key) {
        return key;
    }

    @Override
    public String describe() {
        return "in this server process only, lost when it stops; " + size() + " of at most " + maximumSize
                + " sessions (and " + MAXIMUM_BYTES / 1024 / 1024 + " MiB)";
    }

    /** How many entries it holds, once it has done its pending housekeeping (evictions). */
    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
