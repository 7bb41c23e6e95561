package dialtone.core.rack;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One rack phone's allocation and health, in one place, changed only by {@link #transition}: every
 * change is handed to the journal (logged, and persisted when it is a health change) with its reason.
 */
public final class PhoneState {
    private final String device;
    private final String run;
    private final Clock clock;
    private final Consumer<Transition> journal;
    private Allocation allocation = Allocation.IDLE;
    private Health health;

    PhoneState(String device, String run, Health health, Clock clock, Consumer<Transition> journal) {
        this.device = device;
        this.run = run;
        this.health = health;
        this.clock = clock;
        this.journal = journal;
    }

    public String device() { return device; }

    public synchronized Allocation allocation() { return allocation; }

    public synchronized Health health() { return health; }

    /** Moves to {@code to} (an allocation or a health); nothing happens, and nothing is journaled, if already there. */
    public Optional<Transition> transition(Condition to, String reason) {
        Transition t;
        synchronized (this) {
            Condition from = to instanceof Allocation ? allocation : health;
            if (from == to) return Optional.empty();
            if (to instanceof Allocation a) {
                allocation = a;
            } else {
                health = (Health) to;
            }
            t = new Transition(clock.instant(), device, run, from, to, reason);
        }
        journal.accept(t);
        return Optional.of(t);
    }

    /**
     * Resyncs the health with what the rack's history says now (another run may have changed it
     * since this run started), without a transition of its own: like labgrid's {@code force(state)}.
     */
    synchronized void force(Health now) {
        health = now;
    }

    @Override
    public synchronized String toString() {
        return device + " [" + allocation.name().toLowerCase() + ", " + health.name().toLowerCase() + "]";
    }
}
