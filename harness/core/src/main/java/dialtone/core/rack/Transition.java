package dialtone.core.rack;

import java.time.Instant;

/** One change of a phone's allocation or health, with why and by which run. */
public record Transition(Instant at, String device, String run, Condition from, Condition to, String reason) {
    public boolean ofHealth() { return to instanceof Health; }

    @Override
    public String toString() {
        return device + ": " + from.name().toLowerCase() + " -> " + to.name().toLowerCase() + " (" + reason + ")";
    }
}
