package dialtone.core.rack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaseDirectoryTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
    private final Lease.Holder me = LeaseDirectory.holder("run-a");
    /** Another live process of this host: this JVM's pid under another run's name. */
    private final Lease.Holder other = new Lease.Holder("run-b", ProcessHandle.current().pid(), me.host());

    private LeaseDirectory leases() {
        return new LeaseDirectory(dir, Duration.ofMinutes(1), clock);
    }

    @Test
    void aPhoneHeldByALiveHolderIsNotLeasedTwiceAndIsFreeAfterRelease() {
        LeaseDirectory leases = leases();
        var first = leases.tryAcquire("ccx500-1", other);
        assertThat(first).isInstanceOf(LeaseDirectory.Attempt.Acquired.class);
        assertThat(((LeaseDirectory.Attempt.Acquired) first).tookOver()).isEmpty();

        var second = leases.tryAcquire("ccx500-1", me);
        assertThat(second).isInstanceOfSatisfying(LeaseDirectory.Attempt.Held.class, h -> assertThat(h.by().holder()).isEqualTo(other));

        leases.release(((LeaseDirectory.Attempt.Acquired) first).lease());
        assertThat(leases.read("ccx500-1")).isEmpty();
        assertThat(leases.tryAcquire("ccx500-1", me)).isInstanceOf(LeaseDirectory.Attempt.Acquired.class);
        assertThat(leases.read("ccx500-1")).get().extracting(Lease::holder).isEqualTo(me);
    }

    @Test
    void anExpiredLeaseIsTakenOverWithTheReason() {
        LeaseDirectory leases = leases();
        leases.tryAcquire("ccx500-1", other);
        clock.advance(Duration.ofSeconds(59));
        assertThat(leases.tryAcquire("ccx500-1", me)).as("not yet expired").isInstanceOf(LeaseDirectory.Attempt.Held.class);
        clock.advance(Duration.ofSeconds(1));
        var taken = leases.tryAcquire("ccx500-1", me);
        assertThat(taken).isInstanceOfSatisfying(LeaseDirectory.Attempt.Acquired.class,
                a -> assertThat(a.tookOver()).get().asString().contains("expired at 2026-11-27T08:01:00Z"));
    }

    @Test
    void aLeaseWhoseHolderProcessOnThisHostIsGoneIsTakenOver() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Lease.Holder dead = new Lease.Holder("run-dead", gone.pid(), me.host());
        LeaseDirectory leases = leases();
        leases.tryAcquire("ccx500-1", dead);
        var taken = leases.tryAcquire("ccx500-1", me);
        assertThat(taken).isInstanceOfSatisfying(LeaseDirectory.Attempt.Acquired.class,
                a -> assertThat(a.tookOver()).get().asString().contains("process " + gone.pid() + " on this host is gone"));
    }

    @Test
    void aDeadPidOnAnotherHostIsNotTakenOverBeforeExpiry() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        LeaseDirectory leases = leases();
        leases.tryAcquire("ccx500-1", new Lease.Holder("run-far", gone.pid(), "another-host"));
        assertThat(leases.tryAcquire("ccx500-1", me)).isInstanceOf(LeaseDirectory.Attempt.Held.class);
    }

    @Test
    void renewalExtendsOurLeaseAndFailsOnceAnotherHolderTookItOver() {
        LeaseDirectory leases = leases();
        Lease lease = ((LeaseDirectory.Attempt.Acquired) leases.tryAcquire("ccx500-1", me)).lease();
        clock.advance(Duration.ofSeconds(40));
        Lease renewed = leases.renew(lease).orElseThrow();
        assertThat(renewed.expires()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
        assertThat(renewed.acquired()).isEqualTo(lease.acquired());
        assertThat(leases.read("ccx500-1")).contains(renewed);

        clock.advance(Duration.ofMinutes(2));
        assertThat(leases.tryAcquire("ccx500-1", other)).isInstanceOf(LeaseDirectory.Attempt.Acquired.class);
        assertThat(leases.renew(renewed)).as("lost to another holder").isEmpty();
        leases.release(renewed);
        assertThat(leases.read("ccx500-1")).as("releasing a lost lease leaves the new holder's").get()
                .extracting(Lease::holder).isEqualTo(other);
    }

    @Test
    void aBadLeaseFileIsReportedNamingTheFileAndNeverTakenOver() throws Exception {
        Files.writeString(dir.resolve("ccx500-1.json"), "{\"device\": \"ccx500-1\", \"run\": \"x\"");
        Files.writeString(dir.resolve("ccx600-1.json"), "{\"device\": \"ccx600-1\", \"run\": \"x\", \"host\": \"h\", \"acquired\": \"yesterday\","
                + " \"expires\": \"2026-11-27T09:00:00Z\", \"pid\": 12}");
        Files.writeString(dir.resolve("trio-c60-1.json"), "{\"device\": \"ccx500-1\", \"run\": \"x\", \"host\": \"h\","
                + " \"acquired\": \"2026-11-27T08:00:00Z\", \"expires\": \"2026-11-27T09:00:00Z\", \"pid\": 12}");
        LeaseDirectory leases = leases();
        assertThat(leases.tryAcquire("ccx500-1", me)).isInstanceOfSatisfying(LeaseDirectory.Attempt.Unreadable.class,
                u -> assertThat(u.problem()).contains("lease file " + dir.resolve("ccx500-1.json") + " is unreadable")
                        .contains("delete it if no run holds ccx500-1"));
        assertThat(leases.tryAcquire("ccx600-1", me)).isInstanceOfSatisfying(LeaseDirectory.Attempt.Unreadable.class,
                u -> assertThat(u.problem()).contains("yesterday"));
        assertThat(leases.tryAcquire("trio-c60-1", me)).isInstanceOfSatisfying(LeaseDirectory.Attempt.Unreadable.class,
                u -> assertThat(u.problem()).contains("it names device 'ccx500-1'"));
        assertThat(Files.readString(dir.resolve("ccx500-1.json"))).as("left for a person").startsWith("{\"device\": \"ccx500-1\", \"run\": \"x\"");
        assertThatThrownBy(() -> leases.read("ccx500-1")).isInstanceOf(LeaseDirectory.LeaseFileException.class);
    }

    @Test
    void aTimeToLiveMustBePositive() {
        assertThatThrownBy(() -> new LeaseDirectory(dir, Duration.ZERO, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be positive");
    }
}
