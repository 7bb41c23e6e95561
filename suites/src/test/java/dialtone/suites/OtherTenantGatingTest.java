package dialtone.suites;

import static org.assertj.core.api.Assertions.assertThat;

import dialtone.core.lab.Lab;
import dialtone.suites.provisioning.PerPhoneScenariosTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testng.ITestResult;

/** Scenario 5 needs a second tenant: a lab without one skips it on every phone as not applicable, saying why. */
class OtherTenantGatingTest {

    @TempDir
    Path results;

    @Test
    void withoutASecondTenantTheProvisionedElsewhereScenarioIsNotApplicable() {
        try (Lab lab = UnreachableLab.ofTheVirtualRack()) {
            assertThat(lab.otherTenant()).isEmpty();
            Lab.install(lab);
            InProcessRun run = InProcessRun.ofMethod(results, PerPhoneScenariosTest.class, "provisionedElsewhereNeedsAFactoryReset");

            assertThat(run.results).hasSize(3).allSatisfy(r -> {
                assertThat(r.getStatus()).isEqualTo(ITestResult.SKIP);
                assertThat(r.getThrowable()).isInstanceOf(NotApplicable.class).hasMessage(
                        "not applicable on rack virtual: needs a second tenant of the backend (backend.otherTenant in the rack file)");
            });
            assertThat(run.allure("provisionedElsewhereNeedsAFactoryReset")).as("not applicable is not retried").hasSize(3)
                    .allSatisfy(n -> assertThat(n.path("status").asText()).isEqualTo("skipped"));
        } finally {
            Lab.install(null);
        }
    }
}
