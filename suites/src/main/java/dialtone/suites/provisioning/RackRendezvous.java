package dialtone.suites.provisioning;

import dialtone.core.failure.FailureCategory;
import dialtone.core.failure.FailureClassifier;
import dialtone.core.failure.InfrastructureProblem;
import dialtone.core.lab.Lab;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where the instances of one test (one per phone of the run) meet, for a flow with one action over
 * the whole rack (the bulk code generation of "many devices"). A phone whose test fails tells the
 * rendezvous ({@link #failed}). Usually that breaks every meeting ({@link #abandon(Throwable)}), so the
 * others fail at once instead of waiting out the budget, in the category of that first failure: a phone
 * the lab failed (infrastructure) fails the others as infrastructure too, never as a product defect of
 * theirs. But a phone the lab failed before the first meeting was held is retried after the recovery
 * ladder ({@code InfrastructureRetry}), and its retry can still come to every meeting: the others keep
 * waiting for it (within their budget) instead of failing with it.
 */
final class RackRendezvous {
    private static final Map<String, RackRendezvous> RUNS = new HashMap<>();
    private final Map<String, CyclicBarrier> meetings = new HashMap<>();
    /** Meetings every phone came to. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    /** Phones whose first failure for the lab came before any meeting: their retry is waited for. */
    private final Set<String> excused = new HashSet<>();
    private final int phones;

    RackRendezvous(int phones) {
        this.phones = phones;
    }

    /** The rendezvous of {@code test} in this lab's run. */
    static synchronized RackRendezvous of(Lab lab, String test) {
        return RUNS.computeIfAbsent(System.identityHashCode(lab) + "/" + test, k -> new RackRendezvous(lab.devices().size()));
    }

    /** Waits until every phone arrived at {@code meeting}; the last to arrive runs {@code action} first. */
    void meet(String meeting, Duration budget, Runnable action) {
        CyclicBarrier barrier;
        synchronized (this) {
            if (abandoned) {
                throw becauseOfAnother("another phone's test failed before \"" + meeting + "\": see its result", null);
            }
            barrier = meetings.computeIfAbsent(meeting, m -> new CyclicBarrier(phones, () -> {
                held.add(meeting);
                action.run();
            }));
        }
        try {
            barrier.await(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | BrokenBarrierException e) {
            throw becauseOfAnother("the rack's phones did not all reach \"" + meeting + "\" within " + budget.toSeconds()
                    + " s (another phone's test failed before it: see its result)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the rack's phones at \"" + meeting + "\"", e);
        }
    }

    /**
     * {@code device}'s test failed with {@code why}. When the lab failed it (infrastructure), no meeting
     * has been held yet and it is the phone's first such failure here, its retry may still come: the
     * others keep waiting (if the retry does not come, their wait runs out and they fail as infrastructure,
     * naming this failure). Otherwise the phone will not come: {@link #abandon(Throwable)}.
     */
    synchronized void failed(String device, Throwable why) {
        boolean lab = FailureClassifier.classify(why).category() == FailureCategory.INFRASTRUCTURE;
        if (lab && held.isEmpty() && excused.add(device)) {
            if (excusedFailure == null) excusedFailure = why;
            return;
        }
        abandon(why);
    }

    /** This phone will not come ({@code why}: its failure): breaks every meeting so the others stop waiting. */
    synchronized void abandon(Throwable why) {
        if (firstFailure == null) firstFailure = why;
        meetings.values().forEach(CyclicBarrier::reset);
        abandoned = true;
    }

    private volatile boolean abandoned;
    /** The failure that broke the meetings. */
    private volatile Throwable firstFailure;
    /** The first lab failure whose retry the others waited for: what a wait that ran out names when nothing broke the meetings. */
    private volatile Throwable excusedFailure;

    /**
     * The failure of a phone that met a broken meeting, in the category of the failure that broke it (or,
     * when the wait ran out, of the retry that did not come): infrastructure when the lab failed that phone.
     */
    private RuntimeException becauseOfAnother(String message, Throwable cause) {
        Throwable first = firstFailure != null ? firstFailure : excusedFailure;
        if (first != null && FailureClassifier.classify(first).category() == FailureCategory.INFRASTRUCTURE) {
            return new InfrastructureProblem(message + " (it failed for the lab: " + first.getClass().getSimpleName() + ": "
                    + String.valueOf(first.getMessage()).lines().findFirst().orElse("") + ")", first);
        }
        throw new AssertionError(message, cause);
    }

    boolean abandoned() { return abandoned; }
}
