package dialtone.simulator.appium;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open sessions: at most one per phone, as a real device behind Appium is busy while a session
 * drives it. One scheduled sweeper deletes sessions idle longer than their
 * {@code appium:newCommandTimeout}, so a crashed client does not hold a phone forever.
 */
final class Sessions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);

    private final Map<String, Session> byId = new LinkedHashMap<>();
    private final ScheduledExecutorService sweeper;

    Sessions(Duration sweepInterval) {
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "appium-session-sweeper");
            t.setDaemon(true);
            return t;
        });
        long ms = sweepInterval.toMillis();
        sweeper.scheduleAtFixedRate(this::sweep, ms, ms, TimeUnit.MILLISECONDS);
    }

    /**
     * Registers a new session for its phone.
     *
     * @throws WebDriverException session not created, if the phone already has a live session
     */
    synchronized void add(Session s) {
        if (forPhone(s.udid()).isPresent()) {
            throw W3CError.SESSION_NOT_CREATED.exception("Could not create a session: the phone '" + s.udid()
                    + "' is busy with another session; quit that session first (an idle one ends after its appium:newCommandTimeout)");
        }
        byId.put(s.id(), s);
        LOG.info("Session {} opened on {} (newCommandTimeout {} s)", s.id(), s.udid(), s.newCommandTimeout().toSeconds());
    }

    synchronized Optional<Session> forPhone(String udid) {
        return byId.values().stream().filter(s -> s.udid().equals(udid)).findFirst();
    }

    synchronized Optional<Session> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The session {@code id}, or the W3C error invalid session id. */
    Session get(String id) {
        return find(id).orElseThrow(() -> W3CError.INVALID_SESSION_ID.exception("Session '" + id
                + "' does not exist (never created, deleted, timed out after its appium:newCommandTimeout, or its phone rebooted)"));
    }

    synchronized void remove(Session s, String why) {
        if (byId.remove(s.id()) != null) {
            LOG.info("Session {} on {} {}", s.id(), s.udid(), why);
        }
    }

    /** Ends every session of a phone (it rebooted). */
    synchronized void endSessionsOf(String udid) {
        for (Session s : List.copyOf(byId.values())) {
            if (s.udid().equals(udid)) {
                remove(s, "ended: the phone went away");
            }
        }
    }

    synchronized int size() {
        return byId.size();
    }

    /**
     * Marks a command as running on session {@code id} (if it exists), atomically with the sweep,
     * so a session is never deleted while a command runs on it.
     */
    synchronized Optional<Session> commandStarted(String id) {
        Session s = byId.get(id);
        if (s != null) {
            s.commandStarted();
        }
        return Optional.ofNullable(s);
    }

    private synchronized void sweep() {
        long now = System.nanoTime();
        for (Session s : List.copyOf(byId.values())) {
            if (s.idleTooLong(now)) {
                remove(s, "deleted: no command for longer than its newCommandTimeout of "
                        + s.newCommandTimeout().toMillis() / 1000.0 + " s");
            }
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        synchronized (this) {
            byId.clear();
        }
    }
}
