package dialtone.suites.provisioning;

import dialtone.core.lab.Lab;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where the instances of one test (one per phone of the run) meet, for a flow with one action over
 * the whole rack (the bulk code generation of "many devices"). A phone whose test fails before a
 * meeting breaks it ({@link #abandon()}), so the others fail at once instead of waiting out the budget.
 */
final class RackRendezvous {
    private static final Map<String, RackRendezvous> RUNS = new HashMap<>();
    private final Map<String, CyclicBarrier> meetings = new HashMap<>();
    private final int phones;

    private RackRendezvous(int phones) {
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
                throw new AssertionError("another phone's test failed before \"" + meeting + "\": see its result");
            }
            barrier = meetings.computeIfAbsent(meeting, m -> new CyclicBarrier(phones, action));
        }
        try {
            barrier.await(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | BrokenBarrierException e) {
            throw new AssertionError("the rack's phones did not all reach \"" + meeting + "\" within " + budget.toSeconds()
                    + " s (another phone's test failed before it: see its result)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the rack's phones at \"" + meeting + "\"", e);
        }
    }

    /** This phone will not come: breaks every meeting so the others stop waiting. */
    synchronized void abandon() {
        meetings.values().forEach(CyclicBarrier::reset);
        abandoned = true;
    }

    private volatile boolean abandoned;

    boolean abandoned() { return abandoned; }
}
