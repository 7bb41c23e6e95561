package dialtone.simulator.phone;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A booted phone's heartbeats to the backend ({@code POST /device/v1/devices/{mac}/heartbeat}), at
 * the interval the backend answers with. Runs on the rack's shared scheduler, no thread of its own.
 *
 * <p>The interval is the backend's, in real time, not scaled by the rack's time scale: the backend
 * judges health on its own clock (real time unless a test advances it), so a scaled interval would
 * only make a fast rack hammer it. The first beat of a boot comes after a random delay of up to
 * {@link #FIRST_BEAT_SPREAD}, so a rack whose phones all boot at once does not send them at once.
 */
final class Heartbeats {
    private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);
    static final Duration FIRST_BEAT_SPREAD = Duration.ofSeconds(2);
    /** Until the backend names one: Teams' own default. */
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);

    private final String phoneId;
    private final BackendLink backend;
    private final ScheduledExecutorService scheduler;
    private final Supplier<String> activityState;
    private Duration interval = DEFAULT_INTERVAL;
    private long run;
    private ScheduledFuture<?> next;

    Heartbeats(String phoneId, BackendLink backend, ScheduledExecutorService scheduler, Supplier<String> activityState) {
        this.phoneId = phoneId;
        this.backend = backend;
        this.scheduler = scheduler;
        this.activityState = activityState;
    }

    /** The phone booted and reached the backend: beat soon, then at the backend's interval. */
    synchronized void start() {
        stop();
        long mine = run;
        long delay = ThreadLocalRandom.current().nextLong(FIRST_BEAT_SPREAD.toMillis() + 1);
        next = scheduler.schedule(() -> beat(mine), delay, TimeUnit.MILLISECONDS);
    }

    /** The phone goes down: no more beats from this boot. */
    synchronized void stop() {
        run++;
        if (next != null) {
            next.cancel(false);
            next = null;
        }
    }

    private void beat(long mine) {
        synchronized (this) {
            if (mine != run) return;
        }
        Duration wait;
        try {
            long seconds = backend.heartbeat(activityState.get());
            wait = Duration.ofSeconds(Math.max(1, seconds));
        } catch (IOException | BackendLink.Refused e) {
            log.debug("{}: heartbeat not delivered: {}", phoneId, e.getMessage());
            wait = null; // try again at the last interval the backend named, as a phone would
        }
        synchronized (this) {
            if (mine != run) return;
            if (wait != null) interval = wait;
            next = scheduler.schedule(() -> beat(mine), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
