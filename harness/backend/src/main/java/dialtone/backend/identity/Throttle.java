package dialtone.backend.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failures per key (a client address, an account) in a sliding window on the backend
 * clock: after {@code maxFailures} within {@code window} the key is refused until the oldest of
 * them leaves the window (RFC 8628 §5.1: a short code must allow only a handful of guesses).
 */
final class Throttle {
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    Throttle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** When {@code key} may try again, if it is refused now. */
    Optional<Instant> refusedUntil(String key) {
        Deque<Instant> recent = failures.get(key);
        if (recent == null) {
            return Optional.empty();
        }
        synchronized (recent) {
            prune(recent, clock.instant());
            return recent.size() >= maxFailures ? Optional.of(recent.peekFirst().plus(window)) : Optional.empty();
        }
    }

    void failed(String key) {
        Deque<Instant> recent = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (recent) {
            Instant now = clock.instant();
            prune(recent, now);
            recent.addLast(now);
        }
    }

    private void prune(Deque<Instant> recent, Instant now) {
        while (!recent.isEmpty() && !recent.peekFirst().plus(window).isAfter(now)) {
            recent.removeFirst();
        }
    }

    int maxFailures() {
        return maxFailures;
    }

    Duration window() {
        return window;
    }
}
