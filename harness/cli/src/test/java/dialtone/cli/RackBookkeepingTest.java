package dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dialtone.core.failure.FailureCategory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The run's side of the rack bookkeeping: the lease wait option and what a run adds to each phone's flake rate. */
class RackBookkeepingTest {
    @Test
    void theLeaseWaitTakesShortDurationsAndSaysWhatItWantsOtherwise() {
        assertThat(RunIds.duration("--lease-wait", "90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(RunIds.duration("--lease-wait", "3m")).isEqualTo(Duration.ofMinutes(3));
        assertThat(RunIds.duration("--lease-wait", "1h")).isEqualTo(Duration.ofHours(1));
        assertThat(RunIds.duration("--lease-wait", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(RunIds.duration("--lease-wait", "0")).isEqualTo(Duration.ZERO);
        assertThat(RunIds.duration("--lease-wait", "PT2M")).isEqualTo(Duration.ofMinutes(2));
        for (String bad : List.of("ten minutes", "5", "-3m", "PT-1M")) {
            assertThatThrownBy(() -> RunIds.duration("--lease-wait", bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("--lease-wait must be a duration like 90s, 3m, 1h or 0, got '" + bad + "'");
        }
        assertThat(RunIds.next()).matches("\\d{8}-\\d{6}-" + ProcessHandle.current().pid());

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        assertThat(Cli.run(out, "run", "smoke", "--lease-wait", "soon")).as("before anything starts").isEqualTo(Main.HARNESS_ERROR);
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("--lease-wait must be a duration like 90s, 3m, 1h or 0, got 'soon'").doesNotContain("Rack virtual");
    }

    @Test
    void aPhonesTallyCountsAttemptsAndThoseThatFailedForTheLab() {
        Optional<FailureCategory> infra = Optional.of(FailureCategory.INFRASTRUCTURE);
        RunSummary summary = new RunSummary();
        List<RunSummary.Outcome> outcomes = List.of(
                new RunSummary.Outcome("ccx500-1", "CCX 500", "7", "passes", Optional.empty(), 1, 0, ""),
                new RunSummary.Outcome("ccx500-1", "CCX 500", "7", "retriedThenPassed", Optional.empty(), 2, 0, ""),
                new RunSummary.Outcome("ccx500-1", "CCX 500", "7", "adbDown", infra, 2, 0, "ADB"),
                new RunSummary.Outcome("ccx500-1", "CCX 500", "7", "conference", Optional.of(FailureCategory.NOT_APPLICABLE), 1, 0, "n/a"),
                new RunSummary.Outcome("ccx500-1", "CCX 500", "7", "defect", Optional.of(FailureCategory.PRODUCT_DEFECT), 1, 0, "bug"),
                new RunSummary.Outcome("ccx600-1", "CCX 600", "-", "unavailable", infra, 1, 0, "quarantined", true));
        assertThat(RunSummary.tallies(outcomes)).containsOnlyKeys("ccx500-1");
        assertThat(RunSummary.tallies(outcomes).get("ccx500-1")).as("6 attempts, 3 failed for the lab").containsExactly(6, 3);
        assertThat(outcomes.get(5).result()).isEqualTo("SKIPPED (infrastructure)");
        assertThat(RunSummary.totals(outcomes)).startsWith("2 passed, 2 failed, 2 skipped");
        assertThat(summary.tallies()).isEmpty();
    }
}
