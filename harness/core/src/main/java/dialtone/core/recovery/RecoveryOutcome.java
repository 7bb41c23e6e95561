package dialtone.core.recovery;

import dialtone.core.failure.PhoneLost;
import dialtone.model.profile.Recovery.Rung;
import java.util.List;
import java.util.Optional;

/**
 * How a climb of the recovery ladder ended: the rung that made the phone usable again, or none (the
 * phone is lost: the caller quarantines it), with every attempt on the way.
 */
public record RecoveryOutcome(String device, String cause, Optional<Rung> recoveredAt, List<Attempt> attempts) {

    /** One rung attempt: its action and health check; {@code problem} is empty when the phone was usable after it. */
    public record Attempt(Rung rung, int number, Optional<String> problem, long millis) {
        public boolean recovered() { return problem.isEmpty(); }
    }

    public RecoveryOutcome {
        attempts = List.copyOf(attempts);
    }

    public boolean recovered() {
        return recoveredAt.isPresent();
    }

    /** The rungs tried, in order, one entry per attempt. */
    public List<Rung> rungsTried() {
        return attempts.stream().map(Attempt::rung).toList();
    }

    /** The typed failure for a phone no rung brought back (call only when not {@link #recovered()}). */
    public PhoneLost phoneLost() {
        String last = attempts.isEmpty() ? "no rung could be tried"
                : "last: " + attempts.get(attempts.size() - 1).rung() + ": " + attempts.get(attempts.size() - 1).problem().orElse("");
        return new PhoneLost(device, device + ": phone lost: the recovery ladder (" + attempts.size() + " attempts) did not bring it back ("
                + last + "); cause: " + cause);
    }
}
