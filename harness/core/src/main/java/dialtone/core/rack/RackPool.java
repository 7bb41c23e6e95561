package dialtone.core.rack;

import dialtone.core.phone.Phone;
import dialtone.model.rack.Rack;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rack phones one run uses: it leases them ({@link LeaseDirectory}; renewed while the run
 * lasts, released when it ends or its JVM exits), keeps each one's allocation and health
 * ({@link PhoneState}; health changes go to the rack's {@link HealthHistory}), preflights them,
 * quarantines those that fail, and says on which phone the tests meant for a phone run
 * ({@link #assign}). A phone another run holds is waited for up to the lease wait, then treated
 * like a quarantined one: its tests move to a usable phone of the same model, or are skipped as
 * infrastructure with the reason. docs/reliability.md explains the design.
 */
public final class RackPool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RackPool.class);
    public static final Duration DEFAULT_LEASE_WAIT = Duration.ofMinutes(3);
    public static final Duration DEFAULT_LEASE_TTL = Duration.ofMinutes(1);
    /** Environment variable: the directory under which each rack keeps its state ({@code DIR/RACK NAME}). */
    public static final String STATE_ENV = "DIALTONE_RACK_STATE";

    private final String rackName;
    private final List<Rack.Device> devices;
    private final String run;
    private final Optional<LeaseDirectory> leases;
    private final Optional<HealthHistory> history;
    private final Duration leaseWait;
    private final Clock clock;
    private final Map<String, PhoneState> states = new LinkedHashMap<>();
    private final Map<String, Lease> held = new ConcurrentHashMap<>();
    /** Why a phone cannot take tests now, by device id. */
    private final Map<String, String> unavailable = new ConcurrentHashMap<>();
    private final Map<String, Assignment> assignments = new ConcurrentHashMap<>();
    private final Map<String, Integer> movedOnto = new ConcurrentHashMap<>();
    private ScheduledExecutorService renewal;
    private Thread shutdownHook;
    private boolean closed;

    private RackPool(String rackName, List<Rack.Device> devices, String run, Optional<LeaseDirectory> leases,
                     Optional<HealthHistory> history, Duration leaseWait, Clock clock) {
        this.rackName = rackName;
        this.devices = List.copyOf(devices);
        this.run = run;
        this.leases = leases;
        this.history = history;
        this.leaseWait = leaseWait;
        this.clock = clock;
        HealthHistory.Entries past = history.map(HealthHistory::read).orElse(null);
        for (Rack.Device d : devices) {
            states.put(d.id(), new PhoneState(d.id(), run, past == null ? Health.UNKNOWN : past.health(d.id()), clock, this::journal));
            if (past != null && past.health(d.id()) == Health.MAINTENANCE) {
                unavailable.put(d.id(), "in maintenance: " + past.healthReason(d.id()).orElse("no reason given"));
            }
        }
    }

    /**
     * A pool that leases from {@code stateDir/leases} and keeps health in {@code stateDir/history.jsonl}.
     * Nothing is leased until {@link #reserve()}.
     */
    public static RackPool open(Rack rack, List<Rack.Device> devices, Path stateDir, String run, Duration leaseWait, Duration leaseTtl) {
        if (leaseWait.isNegative()) throw new IllegalArgumentException("the lease wait cannot be negative, got " + leaseWait);
        Clock clock = Clock.systemUTC();
        return new RackPool(rack.name(), devices, run, Optional.of(new LeaseDirectory(leasesDir(stateDir), leaseTtl, clock)),
                Optional.of(new HealthHistory(historyFile(stateDir))), leaseWait, clock);
    }

    /**
     * A pool of virtual phones this process started itself: no other process can reach them, so
     * nothing is leased; health is kept in {@code stateDir/history.jsonl} like a shared rack's.
     */
    public static RackPool ownVirtualPhones(Rack rack, List<Rack.Device> devices, Path stateDir, String run) {
        return new RackPool(rack.name(), devices, run, Optional.empty(), Optional.of(new HealthHistory(historyFile(stateDir))),
                Duration.ZERO, Clock.systemUTC());
    }

    /** Every phone usable, nothing leased or persisted: for a lab a test sets up by hand. */
    public static RackPool unmanaged(String rackName, List<Rack.Device> devices) {
        return new RackPool(rackName, devices, "unmanaged", Optional.empty(), Optional.empty(), Duration.ZERO, Clock.systemUTC());
    }

    /**
     * The rack's state directory: the rack file's {@code stateDir}, else {@code $DIALTONE_RACK_STATE/NAME},
     * else {@code -Ddialtone.rack.state=DIR} + {@code /NAME} (the build's tests), else {@code ~/.dialtone/racks/NAME}.
     */
    public static Path stateDir(Rack rack, Map<String, String> environment) {
        if (rack.stateDir().isPresent()) return rack.stateDir().get();
        String root = environment.getOrDefault(STATE_ENV, System.getProperty("dialtone.rack.state"));
        Path base = root != null && !root.isBlank() ? Path.of(root) : Path.of(System.getProperty("user.home"), ".dialtone", "racks");
        return base.resolve(rack.name());
    }

    public static Path leasesDir(Path stateDir) { return stateDir.resolve("leases"); }

    public static Path historyFile(Path stateDir) { return stateDir.resolve("history.jsonl"); }

    public String run() { return run; }

    public PhoneState state(String device) {
        PhoneState s = states.get(device);
        if (s == null) throw new IllegalArgumentException("rack " + rackName + " has no device '" + device + "' in this run");
        return s;
    }

    /** The leases this run holds now. */
    public List<Lease> leases() { return List.copyOf(held.values()); }

    /**
     * Leases every phone of the run that is not in maintenance. A phone another run holds is not
     * waited for when this run got any phone (its tests move to a phone of its model this run holds,
     * or are skipped); only a run that got none waits, up to the lease wait, until one is free. So a
     * run never sits on phones while it waits for more, and two runs cannot block each other.
     * Renews the leases from then on and releases them if the JVM exits before {@link #close()}.
     */
    public void reserve() {
        if (leases.isEmpty()) {
            devices.stream().filter(d -> !unavailable.containsKey(d.id()))
                    .forEach(d -> state(d.id()).transition(Allocation.LEASED, "a virtual phone run " + run + " started itself"));
            return;
        }
        LeaseDirectory dir = leases.get();
        Lease.Holder me = LeaseDirectory.holder(run);
        Map<String, String> waiting = new LinkedHashMap<>();
        for (Rack.Device d : devices) {
            if (!unavailable.containsKey(d.id())) tryLease(dir, d.id(), me, waiting);
        }
        if (held.isEmpty() && !waiting.isEmpty() && !leaseWait.isZero()) {
            log.warn("every phone is held by other runs: waiting up to {} for one: {}", leaseWait.toString().substring(2).toLowerCase(), waiting);
            try {
                Awaitility.await("a phone other runs hold").atMost(leaseWait).pollInterval(Duration.ofMillis(250)).pollInSameThread()
                        .until(() -> {
                            for (String id : List.copyOf(waiting.keySet())) tryLease(dir, id, me, waiting);
                            return !held.isEmpty();
                        });
            } catch (ConditionTimeoutException e) {
                log.warn("no phone free after {}: {}", leaseWait, waiting);
            }
        }
        waiting.forEach(unavailable::put);
        startRenewal(dir);
        shutdownHook = new Thread(this::releaseAll, "dialtone-lease-release");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private void tryLease(LeaseDirectory dir, String id, Lease.Holder me, Map<String, String> waiting) {
        LeaseDirectory.Attempt a = dir.tryAcquire(id, me);
        if (a instanceof LeaseDirectory.Attempt.Acquired got) {
            // the health as the rack's history has it now: another run may have preflighted the phone,
            // or a person put it into maintenance, since this pool was opened
            HealthHistory.Entries now = history.orElseThrow().read();
            if (now.health(id) == Health.MAINTENANCE) {
                dir.release(got.lease());
                waiting.remove(id);
                unavailable.put(id, "in maintenance: " + now.healthReason(id).orElse("no reason given"));
                state(id).force(Health.MAINTENANCE);
                return;
            }
            state(id).force(now.health(id));
            held.put(id, got.lease());
            waiting.remove(id);
            String why = got.tookOver().map(r -> "leased for run " + run + ", taking over a lease because " + r).orElse("leased for run " + run);
            state(id).transition(Allocation.LEASED, why);
        } else if (a instanceof LeaseDirectory.Attempt.Held h) {
            waiting.put(id, "leased by run " + h.by().holder().run() + " on host " + h.by().holder().host()
                    + " (pid " + h.by().holder().pid() + ")");
        } else {
            waiting.put(id, ((LeaseDirectory.Attempt.Unreadable) a).problem());
        }
    }

    private void startRenewal(LeaseDirectory dir) {
        long period = Math.max(50, dir.ttl().toMillis() / 3);
        renewal = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dialtone-lease-renewal");
            t.setDaemon(true);
            return t;
        });
        renewal.scheduleAtFixedRate(() -> {
            for (Lease lease : List.copyOf(held.values())) {
                try {
                    Optional<Lease> renewed = dir.renew(lease);
                    if (renewed.isPresent()) {
                        held.put(lease.device(), renewed.get());
                    } else {
                        held.remove(lease.device());
                        String why = "lease lost: another holder took " + lease.device() + " over (this run stopped renewing it in time)";
                        unavailable.put(lease.device(), why);
                        state(lease.device()).transition(Allocation.IDLE, why);
                    }
                } catch (RuntimeException e) {
                    log.error("{}: lease renewal failed: {}", lease.device(), e.getMessage());
                }
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Preflights every phone this run holds and may use, in parallel; a phone that fails is
     * quarantined with the reason. When the backend does not answer, every phone is unavailable
     * for this run, and no phone's health changes.
     */
    public void preflight(Preflight preflight, Function<String, Phone> phones) {
        List<String> toCheck = devices.stream().map(Rack.Device::id).filter(id -> !unavailable.containsKey(id)).toList();
        if (toCheck.isEmpty()) return;
        Optional<String> backend = preflight.backendProblem();
        if (backend.isPresent()) {
            log.error("preflight: {}", backend.get());
            toCheck.forEach(id -> unavailable.put(id, backend.get()));
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(toCheck.size(), 16));
        try {
            List<Future<?>> checks = new ArrayList<>();
            for (String id : toCheck) {
                checks.add(pool.submit(() -> {
                    Optional<String> problem;
                    try (Phone phone = phones.apply(id)) {
                        problem = preflight.check(phone);
                    }
                    if (problem.isPresent()) {
                        quarantine(id, problem.get());
                    } else {
                        state(id).transition(Health.GOOD, "preflight passed");
                    }
                }));
            }
            for (Future<?> f : checks) f.get();
        } catch (Exception e) {
            throw new IllegalStateException("preflight failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Takes a phone out of this run (health bad, with the reason); tests not yet assigned to it move
     * to a healthy phone of the same model, those already on it are skipped as infrastructure.
     * The recovery ladder calls this when its last rung fails.
     */
    public void quarantine(String device, String reason) {
        state(device).transition(Health.BAD, reason);
        unavailable.put(device, "quarantined: " + reason);
    }

    /** Why the phone cannot take tests now, if it cannot (quarantined, in maintenance, leased by another run, lease lost). */
    public Optional<String> unavailable(String device) {
        state(device);
        return Optional.ofNullable(unavailable.get(device));
    }

    /** Where tests meant for {@code requested} run: it, else a usable phone of its model, else nowhere (with why). */
    public record Assignment(String requested, Optional<String> phone, String reason) {
        public boolean moved() { return phone.isPresent() && !phone.get().equals(requested); }
    }

    /**
     * On which phone the tests meant for {@code requested} run. Decided once per phone and run, so
     * every suite class of the run moves its tests the same way; substitutes are shared out evenly.
     */
    public Assignment assign(String requested) {
        return assignments.computeIfAbsent(requested, r -> {
            Optional<String> why = unavailable(r);
            return why.isEmpty() ? new Assignment(r, Optional.of(r), "") : moveOff(r, r, why.get());
        });
    }

    /**
     * The tests meant for {@code requested} were assigned to {@code current}, which became unavailable in
     * the middle of the run (quarantined): where they run now — a usable phone of the same model, else nowhere.
     */
    public Assignment reassign(String requested, String current) {
        Optional<String> why = unavailable(current);
        if (why.isEmpty()) return assign(requested);
        return assignments.compute(requested, (r, before) -> before != null && before.phone().isPresent()
                && !before.phone().get().equals(current) && unavailable(before.phone().get()).isEmpty()
                ? before   // another instance of the same phone's tests moved them already
                : moveOff(r, current, why.get()));
    }

    private Assignment moveOff(String requested, String unusable, String why) {
        String profile = device(requested).profile();
        synchronized (movedOnto) {
            Optional<Rack.Device> substitute = devices.stream()
                    .filter(d -> d.profile().equals(profile) && !d.id().equals(requested) && !d.id().equals(unusable)
                            && unavailable(d.id()).isEmpty())
                    .min((a, b) -> Integer.compare(movedOnto.getOrDefault(a.id(), 0), movedOnto.getOrDefault(b.id(), 0)));
            if (substitute.isPresent()) {
                movedOnto.merge(substitute.get().id(), 1, Integer::sum);
                log.info("{}: tests run on {} instead: {}", requested, substitute.get().id(), why);
                return new Assignment(requested, Optional.of(substitute.get().id()), "moved from " + unusable + ": " + why);
            }
        }
        return new Assignment(requested, Optional.empty(), unusable + " unavailable: " + why + "; no usable " + profile
                + " phone to move its tests to");
    }

    private Rack.Device device(String id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("rack " + rackName + " has no device '" + id + "' in this run"));
    }

    /** A test starts on the phone (allocation running). */
    public void testStarted(String device, String test) {
        state(device).transition(Allocation.RUNNING, "test " + test);
    }

    /** The phone's test ended (allocation back to leased, or idle for an unmanaged pool). */
    public void testEnded(String device, String test) {
        state(device).transition(history.isPresent() ? Allocation.LEASED : Allocation.IDLE, "test " + test + " ended");
    }

    /** Records in the health history what the run's tests did on a phone (for its flake rate). */
    public void recordTests(String device, int tests, int infrastructureFailures) {
        state(device);
        if (tests > 0) {
            history.ifPresent(h -> h.append(new HealthHistory.TestTally(clock.instant(), device, run, tests, infrastructureFailures)));
        }
    }

    private void journal(Transition t) {
        if (t.ofHealth() || t.to() == Allocation.IDLE || t.from() == Allocation.IDLE) {
            log.info("{} [run {}]", t, t.run());
        } else {
            log.debug("{} [run {}]", t, t.run());
        }
        history.ifPresent(h -> h.append(t));
    }

    private synchronized void releaseAll() {
        if (closed) return;
        closed = true;
        if (renewal != null) renewal.shutdownNow();
        if (leases.isEmpty()) {
            states.values().forEach(st -> st.transition(Allocation.IDLE, "run " + run + " ended"));
        }
        for (Lease lease : List.copyOf(held.values())) {
            try {
                leases.orElseThrow().release(lease);
                held.remove(lease.device());
                state(lease.device()).transition(Allocation.IDLE, "run " + run + " released it");
            } catch (RuntimeException e) {
                log.error("{}: lease not released: {}", lease.device(), e.getMessage());
            }
        }
    }

    /** Releases every lease; the health history keeps the run's health transitions. */
    @Override
    public void close() {
        releaseAll();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs or ran
            }
            shutdownHook = null;
        }
    }
}
