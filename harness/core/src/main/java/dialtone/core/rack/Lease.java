package dialtone.core.rack;

import java.time.Instant;

/** A run's exclusive, time-limited hold on one rack phone, as its lease file records it. */
public record Lease(String device, Holder holder, Instant acquired, Instant expires) {

    /** Who holds a lease: a run, in a process on a host. */
    public record Holder(String run, long pid, String host) {
        @Override
        public String toString() {
            return "run " + run + " on host " + host + " (pid " + pid + ")";
        }
    }

    public boolean expiredAt(Instant now) {
        return !expires.isAfter(now);
    }

    @Override
    public String toString() {
        return device + " leased by " + holder + " until " + expires;
    }
}
