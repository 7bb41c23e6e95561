package dialtone.suites;

import static org.assertj.core.api.Assertions.assertThat;

import dialtone.core.lab.Lab;
import dialtone.model.profile.DeviceProfiles;
import dialtone.model.rack.Rack;
import dialtone.model.rack.Racks;
import dialtone.suites.provisioning.PerPhoneScenariosTest;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testng.ITestResult;

/** Scenario 5 needs a second tenant: a lab without one skips it on every phone as not applicable, saying why. */
class OtherTenantGatingTest {
    private static final Path HOME = Path.of("..");

    @TempDir
    Path results;

    @Test
    void withoutASecondTenantTheProvisionedElsewhereScenarioIsNotApplicable() {
        Rack rack = Racks.load(HOME.resolve("racks/virtual.yaml"));
        try (Lab lab = new Lab(rack, DeviceProfiles.loadDirectory(HOME.resolve("device-profiles")), rack.devices(),
                URI.create("http://127.0.0.1:9"), "unused-token", URI.create("http://127.0.0.1:9"), Map.of(), "htmlunit")) {
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
