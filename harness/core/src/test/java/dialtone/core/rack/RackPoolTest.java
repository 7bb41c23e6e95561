package dialtone.core.rack;

import static dialtone.core.rack.TestDevices.device;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dialtone.model.rack.Rack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's pool: leases, allocation kept apart from health, the persisted history, quarantine and substitutes. */
class RackPoolTest {
    @TempDir
    Path state;

    private final List<Rack.Device> devices = List.of(device("ccx500-a", "poly-ccx500", 1), device("ccx500-b", "poly-ccx500", 2),
            device("ccx600-a", "poly-ccx600", 3));
    private final Rack rack = TestDevices.rack("bench", devices);

    private RackPool open(String run, Duration wait) {
        return RackPool.open(rack, devices, state, run, wait, Duration.ofMinutes(1));
    }

    @Test
    void allocationAndHealthChangeApartAndOnlyHealthIsPersisted() {
        try (RackPool pool = open("run-1", Duration.ZERO)) {
            assertThat(pool.state("ccx500-a").health()).isEqualTo(Health.UNKNOWN);
            pool.reserve();
            assertThat(pool.leases()).extracting(Lease::device).containsExactlyInAnyOrder("ccx500-a", "ccx500-b", "ccx600-a");
            assertThat(pool.state("ccx500-a").allocation()).isEqualTo(Allocation.LEASED);
            assertThat(pool.state("ccx500-a").health()).as("leasing says nothing about health").isEqualTo(Health.UNKNOWN);

            pool.testStarted("ccx500-a", "provision");
            assertThat(pool.state("ccx500-a").allocation()).isEqualTo(Allocation.RUNNING);
            pool.quarantine("ccx500-a", "recovery: factory reset failed");
            assertThat(pool.state("ccx500-a").allocation()).as("health changes leave allocation alone").isEqualTo(Allocation.RUNNING);
            pool.testEnded("ccx500-a", "provision");
            assertThat(pool.state("ccx500-a").allocation()).isEqualTo(Allocation.LEASED);
            assertThat(pool.state("ccx500-a").health()).isEqualTo(Health.BAD);
            assertThat(pool.state("ccx500-a").transition(Health.BAD, "again")).as("no transition to where it is").isEmpty();
        }
        HealthHistory.Entries history = new HealthHistory(RackPool.historyFile(state)).read();
        assertThat(history.transitions()).singleElement().satisfies(t -> {
            assertThat(t.device()).isEqualTo("ccx500-a");
            assertThat(t.from()).isEqualTo(Health.UNKNOWN);
            assertThat(t.to()).isEqualTo(Health.BAD);
            assertThat(t.reason()).isEqualTo("recovery: factory reset failed");
            assertThat(t.run()).isEqualTo("run-1");
        });
        assertThat(Files.exists(RackPool.leasesDir(state).resolve("ccx500-a.json"))).as("released on close").isFalse();

        try (RackPool next = open("run-2", Duration.ZERO)) {
            assertThat(next.state("ccx500-a").health()).as("the next run starts from the persisted health").isEqualTo(Health.BAD);
            assertThat(next.unavailable("ccx500-a")).as("a bad phone is preflighted again, not refused").isEmpty();
        }
    }

    @Test
    void aQuarantinedPhonesTestsMoveToAPhoneOfTheSameModelOrAreSkippedWithTheReason() {
        try (RackPool pool = open("run-1", Duration.ZERO)) {
            pool.reserve();
            pool.quarantine("ccx500-a", "preflight: ADB unreachable at 127.0.0.1:20001");
            pool.quarantine("ccx600-a", "preflight: Appium session failed: no session");

            RackPool.Assignment moved = pool.assign("ccx500-a");
            assertThat(moved.phone()).contains("ccx500-b");
            assertThat(moved.moved()).isTrue();
            assertThat(moved.reason()).isEqualTo("moved from ccx500-a: quarantined: preflight: ADB unreachable at 127.0.0.1:20001");
            assertThat(pool.assign("ccx500-a")).as("decided once per run").isSameAs(moved);
            assertThat(pool.assign("ccx500-b").phone()).contains("ccx500-b");

            RackPool.Assignment none = pool.assign("ccx600-a");
            assertThat(none.phone()).isEmpty();
            assertThat(none.reason()).isEqualTo("ccx600-a unavailable: quarantined: preflight: Appium session failed: no session;"
                    + " no usable poly-ccx600 phone to move its tests to");
            assertThatThrownBy(() -> pool.assign("trio-1")).hasMessageContaining("rack bench has no device 'trio-1'");
        }
    }

    @Test
    void aPhoneQuarantinedMidRunHandsItsTestsOnOnceAndThenNowhereWhenItsModelRunsOut() {
        try (RackPool pool = open("run-1", Duration.ZERO)) {
            pool.reserve();
            assertThat(pool.assign("ccx500-a").phone()).contains("ccx500-a");
            assertThat(pool.reassign("ccx500-a", "ccx500-a")).as("still usable: stays").isSameAs(pool.assign("ccx500-a"));

            pool.quarantine("ccx500-a", "recovery ladder exhausted: factory reset did not boot");
            RackPool.Assignment moved = pool.reassign("ccx500-a", "ccx500-a");
            assertThat(moved.phone()).contains("ccx500-b");
            assertThat(moved.reason()).isEqualTo("moved from ccx500-a: quarantined: recovery ladder exhausted: factory reset did not boot");
            assertThat(pool.reassign("ccx500-a", "ccx500-a")).as("another suite class's instance finds the move made").isSameAs(moved);
            assertThat(pool.assign("ccx500-a")).isSameAs(moved);

            pool.quarantine("ccx500-b", "recovery ladder exhausted: no ADB after power cycle");
            assertThat(pool.reassign("ccx500-a", "ccx500-b").phone()).isEmpty();
            assertThat(pool.reassign("ccx500-b", "ccx500-b").reason()).isEqualTo("ccx500-b unavailable: quarantined: recovery ladder "
                    + "exhausted: no ADB after power cycle; no usable poly-ccx500 phone to move its tests to");
        }
    }

    @Test
    void aPhoneInMaintenanceIsNeverLeasedUntilPutBack() {
        HealthHistory history = new HealthHistory(RackPool.historyFile(state));
        history.append(new Transition(Instant.now(), "ccx500-b", "person", Health.UNKNOWN, Health.MAINTENANCE, "handset cable replaced"));
        try (RackPool pool = open("run-1", Duration.ZERO)) {
            pool.reserve();
            assertThat(pool.leases()).extracting(Lease::device).containsExactlyInAnyOrder("ccx500-a", "ccx600-a");
            assertThat(pool.unavailable("ccx500-b")).contains("in maintenance: handset cable replaced");
            assertThat(pool.assign("ccx500-b").phone()).contains("ccx500-a");
        }
        history.append(new Transition(Instant.now(), "ccx500-b", "person", Health.MAINTENANCE, Health.UNKNOWN, "back"));
        try (RackPool pool = open("run-2", Duration.ZERO)) {
            pool.reserve();
            assertThat(pool.leases()).extracting(Lease::device).contains("ccx500-b");
        }
    }

    @Test
    void aPhoneAnotherRunHoldsIsWaitedForThenReportedWithItsHolder() {
        try (RackPool first = open("run-1", Duration.ZERO)) {
            first.reserve();
            try (RackPool second = open("run-2", Duration.ofMillis(600))) {
                long start = System.nanoTime();
                second.reserve();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited the lease wait").isGreaterThanOrEqualTo(Duration.ofMillis(600));
                assertThat(second.leases()).isEmpty();
                assertThat(second.unavailable("ccx500-a")).get().asString()
                        .startsWith("leased by run run-1 on host " + LeaseDirectory.holder("x").host() + " (pid ");
                assertThat(second.assign("ccx500-a").phone()).isEmpty();
            }
        }
    }

    @Test
    void aPhoneTakesTheHealthTheHistoryHasWhenItIsLeasedNotWhenThePoolOpened() {
        HealthHistory history = new HealthHistory(RackPool.historyFile(state));
        try (RackPool late = open("run-2", Duration.ZERO)) {
            assertThat(late.state("ccx500-a").health()).isEqualTo(Health.UNKNOWN);
            // meanwhile another run preflights ccx500-a and a person puts ccx600-a into maintenance
            history.append(new Transition(Instant.now(), "ccx500-a", "run-1", Health.UNKNOWN, Health.GOOD, "preflight passed"));
            history.append(new Transition(Instant.now(), "ccx600-a", "person", Health.UNKNOWN, Health.MAINTENANCE, "PoE port moved"));
            late.reserve();
            assertThat(late.state("ccx500-a").health()).isEqualTo(Health.GOOD);
            assertThat(late.leases()).extracting(Lease::device).containsExactlyInAnyOrder("ccx500-a", "ccx500-b");
            assertThat(late.unavailable("ccx600-a")).contains("in maintenance: PoE port moved");
            assertThat(Files.exists(RackPool.leasesDir(state).resolve("ccx600-a.json"))).isFalse();
        }
        assertThat(history.read().transitions()).as("resyncing is no transition").hasSize(2);
    }

    @Test
    void leasesAreRenewedWhileTheRunHoldsThem() {
        try (RackPool pool = RackPool.open(rack, devices, state, "run-1", Duration.ZERO, Duration.ofMillis(600))) {
            pool.reserve();
            Lease first = new LeaseDirectory(RackPool.leasesDir(state), Duration.ofMinutes(1), java.time.Clock.systemUTC()).read("ccx500-a").orElseThrow();
            Awaitility.await("a renewal").atMost(Duration.ofSeconds(5)).until(() ->
                    new LeaseDirectory(RackPool.leasesDir(state), Duration.ofMinutes(1), java.time.Clock.systemUTC()).read("ccx500-a")
                            .orElseThrow().expires().isAfter(first.expires()));
            assertThat(pool.unavailable("ccx500-a")).isEmpty();
        }
    }

    @Test
    void aLeaseThatIsNoLongerOursMakesThePhoneUnavailable() throws Exception {
        try (RackPool pool = RackPool.open(rack, devices, state, "run-1", Duration.ZERO, Duration.ofMillis(600))) {
            pool.reserve();
            Files.delete(RackPool.leasesDir(state).resolve("ccx600-a.json")); // a person removed it, or another host took it over
            Awaitility.await("the renewal to notice").atMost(Duration.ofSeconds(5)).until(() -> pool.unavailable("ccx600-a").isPresent());
            assertThat(pool.unavailable("ccx600-a")).get().asString().startsWith("lease lost: ");
            assertThat(pool.state("ccx600-a").allocation()).isEqualTo(Allocation.IDLE);
            assertThat(pool.leases()).extracting(Lease::device).containsExactlyInAnyOrder("ccx500-a", "ccx500-b");
        }
    }

    @Test
    void phonesQuarantinedAtOnceFromManyThreadsAreAllInTheHistory() throws Exception {
        HealthHistory history = new HealthHistory(RackPool.historyFile(state));
        var threads = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> appends = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String device = "phone-" + i;
                appends.add(threads.submit(() -> history.append(new Transition(Instant.now(), device, "run-1", Health.UNKNOWN, Health.BAD, "preflight"))));
            }
            for (var f : appends) f.get();
        } finally {
            threads.shutdownNow();
        }
        assertThat(history.read().transitions()).hasSize(200);
        assertThat(history.read().problems()).isEmpty();
    }

    @Test
    void aBackendThatDoesNotAnswerSkipsTheRunWithoutBlamingAnyPhone() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (RackPool pool = open("run-1", Duration.ZERO)) {
            pool.reserve();
            pool.preflight(new Preflight(java.net.URI.create("http://127.0.0.1:" + closed)), id -> {
                throw new AssertionError("no phone is checked when the backend is down");
            });
            for (Rack.Device d : devices) {
                assertThat(pool.unavailable(d.id())).get().asString().startsWith("backend http://127.0.0.1:" + closed + " unreachable");
                assertThat(pool.state(d.id()).health()).isEqualTo(Health.UNKNOWN);
            }
            assertThat(pool.assign("ccx500-a").phone()).isEmpty();
        }
        assertThat(new HealthHistory(RackPool.historyFile(state)).read().transitions()).isEmpty();
    }

    @Test
    void theFlakeRateIsInfrastructureFailuresPerTestAttemptOverTheHistory() throws Exception {
        try (RackPool pool = open("run-1", Duration.ZERO)) {
            pool.recordTests("ccx500-a", 10, 1);
            pool.recordTests("ccx500-b", 0, 0);
        }
        try (RackPool pool = open("run-2", Duration.ZERO)) {
            pool.recordTests("ccx500-a", 10, 3);
        }
        Files.writeString(RackPool.historyFile(state), "not json\n", java.nio.file.StandardOpenOption.APPEND);
        HealthHistory.Entries history = new HealthHistory(RackPool.historyFile(state)).read();
        assertThat(history.flakeRate("ccx500-a").rate()).isEqualTo(0.2);
        assertThat(history.flakeRate("ccx500-a")).hasToString("20.0% (4 infrastructure failures in 20 test attempts)");
        assertThat(history.flakeRate("ccx500-b")).hasToString("no tests yet");
        assertThat(history.problems()).singleElement().asString().contains("history.jsonl line 3");
    }
}
