package dialtone.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The backend's one clock: code lifetimes, token expiry and poll intervals are measured on it.
 * Test controls move it forward ({@code POST /test/v1/clock}) so a suite can see a 24 h
 * verification code or a 15 min device code expire without waiting.
 */
public final class BackendClock extends Clock {
    private final Clock base;
    private final AtomicReference<Duration> offset;

    private BackendClock(Clock base, AtomicReference<Duration> offset) {
        this.base = base;
        this.offset = offset;
    }

    /** Real time (UTC), movable forward. */
    public static BackendClock system() {
        return new BackendClock(Clock.systemUTC(), new AtomicReference<>(Duration.ZERO));
    }

    /** Stands still at {@code start} until advanced: for tests that count seconds exactly. */
    public static BackendClock fixedAt(Instant start) {
        return new BackendClock(Clock.fixed(start, ZoneOffset.UTC), new AtomicReference<>(Duration.ZERO));
    }

    /** Moves the clock forward; returns the new now. */
    public Instant advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("the backend clock only moves forward, not by " + amount);
        }
        offset.accumulateAndGet(amount, Duration::plus);
        return instant();
    }

    /** How far the clock has been moved ahead of its base. */
    public Duration offset() {
        return offset.get();
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    /** A view in another zone sharing this clock's offset. */
    @Override
    public BackendClock withZone(ZoneId zone) {
        return new BackendClock(base.withZone(zone), offset);
    }

    @Override
    public String toString() {
        return "BackendClock[" + instant() + ", offset " + offset.get() + "]";
    }
}
