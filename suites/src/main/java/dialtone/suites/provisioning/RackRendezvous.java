package dialtone.suites.provisioning;

import dialtone.core.failure.FailureCategory;
import dialtone.core.failure.FailureClassifier;
import dialtone.core.failure.InfrastructureProblem;
import dialtone.core.lab.Lab;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where the instances of one test (one per phone of the run) meet, for a flow with one action over
 * the whole rack (the bulk code generation of "many devices", moving the backend clock). The meetings
 * are the phases of a {@link Phaser} with one party per phone; the last phone to arrive at a meeting
 * runs its action once for all of them.
 * <p>A phone whose test fails tells the rendezvous ({@link #failed}) and <em>leaves</em> it: the others
 * hold their meetings without it, so one phone's failure (a planted firmware defect, a phone the lab
 * lost) fails that phone only. The exception: a phone the lab failed before the first meeting was held
 * is retried after the recovery ladder ({@code InfrastructureRetry}), and its retry can still come to
 * every meeting, so it stays and the others wait for the retry (within their budget) — unless no retry
 * comes ({@link #noMoreAttempts}). A phone that left cannot come back: meetings it missed were held without
 * it. Only a meeting that is not complete within the budget, or whose action fails, breaks the
 * rendezvous for everybody ({@link #abandoned()}).
 */
final class RackRendezvous {
    private static final Map<String, RackRendezvous> RUNS = new HashMap<>();

    private final Phaser phaser;
    private final Set<String> members = new LinkedHashSet<>();
    /** The meetings in the order the phones come to them: a meeting's index is its phase. */
    private final List<String> meetings;
    private final Map<Integer, Runnable> actions = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> arrivals = new HashMap<>();
    private final Set<Integer> held = ConcurrentHashMap.newKeySet();
    /** Phones the lab failed before the first meeting: their retry is waited for. */
    private final Map<String, Throwable> excused = new LinkedHashMap<>();
    /** Phones that left, with the failure they left for. */
    private final Map<String, Throwable> left = new LinkedHashMap<>();
    /** Why the rendezvous broke (a meeting's wait ran out, its action failed): what every phone waiting in it fails for. */
    private volatile String brokenBecause;
    /** The failure behind it, whose category the others' failures take (none: infrastructure). */
    private volatile Throwable brokenBy;

    /** A rendezvous of the phones {@code devices} (their ids) at {@code meetings}, in this order. */
    RackRendezvous(List<String> devices, List<String> meetings) {
        members.addAll(devices);
        this.meetings = List.copyOf(meetings);
        phaser = new Phaser(members.size()) {
            @Override
            protected boolean onAdvance(int phase, int registeredParties) {
                if (registeredParties == 0) return true; // everyone left
                Runnable action = actions.get(phase);
                try {
                    if (action != null) action.run();
                } catch (RuntimeException | Error e) {
                    brokenBy = e;
                    brokenBecause = "the action of \"" + meetings.get(phase) + "\" failed: " + summary(e);
                    return true;
                }
                held.add(phase);
                return false;
            }
        };
    }

    /**
     * The rendezvous of {@code test} in this lab's run, at {@code meetings} in this order, of the phones
     * that run it: every phone of the run the pool kept for its own tests (a rack-wide test does not move
     * to a substitute, see {@code RackDeviceTest}).
     */
    static synchronized RackRendezvous of(Lab lab, String test, String... meetings) {
        return RUNS.computeIfAbsent(System.identityHashCode(lab) + "/" + test, k -> new RackRendezvous(lab.devices().stream()
                .map(d -> d.id()).filter(id -> lab.pool().assign(id).phone().equals(Optional.of(id))).toList(), List.of(meetings)));
    }

    /**
     * {@code device} waits until every phone still in the rendezvous arrived at {@code meeting}; the last
     * to arrive runs {@code action} first, once.
     */
    void meet(String device, String meeting, Duration budget, Runnable action) {
        int phase;
        synchronized (this) {
            if (left.containsKey(device)) {
                throw new InfrastructureProblem(device + " left this rack-wide test when it failed (" + summary(left.get(device))
                        + "); the other phones went on without it, so its retry cannot meet them at \"" + meeting + "\"", left.get(device));
            }
            if (phaser.isTerminated()) throwBroken(meeting);
            phase = meetings.indexOf(meeting);
            if (phase < 0) throw new IllegalArgumentException("\"" + meeting + "\" is not one of this rendezvous' meetings " + meetings);
            if (phase != phaser.getPhase()) {
                throw new IllegalStateException(device + " came to \"" + meeting + "\" while the rack's phones meet at \""
                        + meetings.get(phaser.getPhase()) + "\": every phone must come to the same meetings in the same order");
            }
            actions.putIfAbsent(phase, action);
            arrivals.computeIfAbsent(meeting, m -> new LinkedHashSet<>()).add(device);
            phaser.arrive(); // the last to arrive runs the action here, in onAdvance
        }
        try {
            phaser.awaitAdvanceInterruptibly(phase, budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            timedOut(phase, meeting, budget);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            interrupted(device, meeting); // it arrived and cannot take that back: the meeting cannot be held for the others
        }
        if (!held.contains(phase)) throwBroken(meeting);
    }

    /**
     * {@code device}'s test failed with {@code why}. When the lab failed it (infrastructure) before any
     * meeting was held, for the first time here, its retry may still come: it stays and the others wait.
     * Otherwise it leaves, and the others go on without it.
     */
    synchronized void failed(String device, Throwable why) {
        if (!members.contains(device) || left.containsKey(device) || phaser.isTerminated()) return;
        boolean lab = FailureClassifier.classify(why).category() == FailureCategory.INFRASTRUCTURE;
        if (lab && held.isEmpty() && excused.putIfAbsent(device, why) == null) return;
        leave(device, why);
    }

    /** {@code device}'s test will not run again ({@code why}: no retry comes): a phone still waited for leaves. */
    synchronized void noMoreAttempts(String device, Throwable why) {
        if (members.contains(device) && !left.containsKey(device) && !phaser.isTerminated()) leave(device, why);
    }

    private void leave(String device, Throwable why) {
        left.put(device, why);
        phaser.arriveAndDeregister(); // completes a meeting the others were only waiting for this phone at
    }

    private synchronized void timedOut(int phase, String meeting, Duration budget) {
        if (held.contains(phase) || phaser.isTerminated()) return; // held or broken meanwhile: meet() goes on or fails with that
        Set<String> missing = new LinkedHashSet<>(members);
        missing.removeAll(left.keySet());
        missing.removeAll(arrivals.getOrDefault(meeting, Set.of()));
        List<String> whyMissing = missing.stream()
                .map(d -> excused.containsKey(d) ? d + " (its retry did not come; it failed for the lab: " + summary(excused.get(d)) + ")" : d)
                .toList();
        // the waiting phones did nothing wrong: the rack could not gather (infrastructure), whatever the missing phones' own results say
        brokenBecause = "the rack's phones did not all reach \"" + meeting + "\" within " + budget.toSeconds() + " s: missing "
                + String.join(", ", whyMissing);
        brokenBy = missing.stream().map(excused::get).filter(Objects::nonNull).findFirst().orElse(null);
        phaser.forceTermination();
    }

    private synchronized void interrupted(String device, String meeting) {
        if (!phaser.isTerminated()) {
            brokenBecause = device + " was interrupted waiting at \"" + meeting + "\"";
            phaser.forceTermination();
        }
    }

    /**
     * Fails a phone that came to, or waited at, a broken meeting: as infrastructure when a wait ran out
     * or the lab failed the meeting's action, else in the category of the action's failure (its cause).
     */
    private void throwBroken(String meeting) {
        String message = "rack-wide meeting \"" + meeting + "\" broke: " + (brokenBecause != null ? brokenBecause : "the rack's phones no longer meet");
        Throwable by = brokenBy;
        if (by == null || FailureClassifier.classify(by).category() == FailureCategory.INFRASTRUCTURE) {
            throw new InfrastructureProblem(message, by);
        }
        throw new IllegalStateException(message, by); // classified by its cause
    }

    private static String summary(Throwable t) {
        return t.getClass().getSimpleName() + ": " + String.valueOf(t.getMessage()).lines().findFirst().orElse("");
    }

    /** True once the rendezvous broke: a phone waiting for the others' turn stops waiting. */
    boolean abandoned() { return phaser.isTerminated() && brokenBecause != null; }

    /** False once {@code device} left: the others stop waiting for it. */
    synchronized boolean present(String device) { return members.contains(device) && !left.containsKey(device); }
}
