package locallibrary.sessions;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until the test moves it: two weeks pass in one call, without a sleep. It is
 * also Caffeine's ticker, so that cache entries age with it.
 */
final class TestClock extends Clock implements Ticker {

    private volatile Instant now;

    TestClock(Instant start) {
        this.now = start;
    }

    void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    /** Caffeine's time: nanoseconds, from any fixed origin (here the epoch). */
    @Override
    public long read() {
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
