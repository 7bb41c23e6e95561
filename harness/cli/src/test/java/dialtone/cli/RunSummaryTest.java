package dialtone.cli;

import static dialtone.core.failure.FailureCategory.ENVIRONMENT;
import static dialtone.core.failure.FailureCategory.INFRASTRUCTURE;
import static dialtone.core.failure.FailureCategory.NOT_APPLICABLE;
import static dialtone.core.failure.FailureCategory.PRODUCT_DEFECT;
import static dialtone.core.failure.FailureCategory.TEST_DEFECT;
import static org.assertj.core.api.Assertions.assertThat;

import dialtone.cli.RunSummary.Outcome;
import dialtone.core.failure.FailureCategory;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The run's exit code from its outcomes, and the closing table. */
class RunSummaryTest {
    private static Outcome passed(String device) {
        return new Outcome(device, "CCX 500", "7.2.1.1707", "provisionAndSignInRemotely", Optional.empty(), 1, 61_234, "");
    }

    private static Outcome failed(String device, FailureCategory c) {
        return new Outcome(device, "CCX 600", "9.0.0.10315", "provisionAndSignInRemotely", Optional.of(c), 1, 4_000, c.title() + " reason");
    }

    @Test
    void exitCodes() {
        assertThat(RunSummary.exitCode(List.of(passed("a"), passed("b")))).isEqualTo(Main.ALL_PASSED).isZero();
        assertThat(RunSummary.exitCode(List.of(passed("a"), failed("b", NOT_APPLICABLE)))).as("not applicable is not a failure").isZero();
        assertThat(RunSummary.exitCode(List.of(failed("a", NOT_APPLICABLE)))).isZero();
        assertThat(RunSummary.exitCode(List.of(passed("a"), failed("b", PRODUCT_DEFECT)))).isEqualTo(Main.PRODUCT_DEFECTS).isEqualTo(1);
        assertThat(RunSummary.exitCode(List.of(failed("a", INFRASTRUCTURE), failed("b", PRODUCT_DEFECT), failed("c", TEST_DEFECT))))
                .as("a product defect outranks everything").isEqualTo(1);
        assertThat(RunSummary.exitCode(List.of(passed("a"), failed("b", INFRASTRUCTURE)))).isEqualTo(Main.LAB_PROBLEMS).isEqualTo(2);
        assertThat(RunSummary.exitCode(List.of(failed("a", ENVIRONMENT), failed("b", INFRASTRUCTURE)))).isEqualTo(2);
        assertThat(RunSummary.exitCode(List.of(failed("a", ENVIRONMENT)))).isEqualTo(2);
        assertThat(RunSummary.exitCode(List.of(failed("a", INFRASTRUCTURE), failed("b", TEST_DEFECT))))
                .as("a test defect is Dialtone's own error").isEqualTo(Main.HARNESS_ERROR).isEqualTo(3);
        assertThat(RunSummary.exitCode(List.of())).as("no test ran").isEqualTo(3);
    }

    @Test
    void theTableAlignsItsColumnsAndPutsEachReasonUnderItsRow() {
        Outcome retried = new Outcome("ccx600-1", "CCX 600", "9.0.0.10315", "provisionAndSignInRemotely", Optional.empty(), 2, 75_000, "");
        Outcome infra = new Outcome("trio-c60-1", "Trio C60", "8.1.6.1005", "firmwareMatches", Optional.of(INFRASTRUCTURE), 2, 3_050,
                "ADB to the phone failed: connection refused");
        Outcome gated = new Outcome("ccx500-1", "CCX 500", "7.2.1.1707", "joinAConference", Optional.of(NOT_APPLICABLE), 1, 0,
                "not applicable on CCX 500: needs a conference");
        String table = RunSummary.table(List.of(infra, retried, passed("ccx500-1"), gated));
        assertThat(table).isEqualTo("""
                DEVICE      MODEL     FIRMWARE     TEST                        RESULT                     TIME
                ccx500-1    CCX 500   7.2.1.1707   joinAConference             not applicable             0.0s
                  └ not applicable on CCX 500: needs a conference
                ccx500-1    CCX 500   7.2.1.1707   provisionAndSignInRemotely  passed                    61.2s
                ccx600-1    CCX 600   9.0.0.10315  provisionAndSignInRemotely  passed (retried)          75.0s
                trio-c60-1  Trio C60  8.1.6.1005   firmwareMatches             INFRASTRUCTURE (retried)   3.1s
                  └ ADB to the phone failed: connection refused
                """);
        assertThat(RunSummary.totals(List.of(infra, retried, passed("ccx500-1"), gated)))
                .isEqualTo("2 passed, 1 failed, 1 skipped (Infrastructure: 1; Not applicable on model: 1)");
        assertThat(RunSummary.totals(List.of(passed("a"), passed("b"), passed("c")))).isEqualTo("3 passed, 0 failed, 0 skipped");
    }
}
