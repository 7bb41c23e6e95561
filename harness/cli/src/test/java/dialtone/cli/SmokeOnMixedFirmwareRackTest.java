package dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke suite on racks/virtual-mixed.yaml: two firmware lines of each model (different wording,
 * ids and layouts), driven through the same device profiles. A profile locator that finds only one
 * line's screens fails here.
 */
class SmokeOnMixedFirmwareRackTest {
    @TempDir
    Path reports;

    @Test
    void theSmokeSuitePassesOnEveryFirmwareLineOfEveryModel() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path rack = FreePortRack.write(Workspace.current().home().resolve("racks/virtual-mixed.yaml"), reports.resolve("rack.yaml"));
        int exit = Cli.run(out, "run", "smoke", "--rack", rack.toString(), "--reports", reports.toString());
        String printed = out.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(printed).isZero();
        assertThat(printed).contains("6 passed, 0 failed, 0 skipped");
        List<JsonNode> tests = new AllureResults(reports.resolve("allure-results")).tests();
        assertThat(tests).extracting(t -> t.path("status").asText()).containsOnly("passed");
        assertThat(tests).extracting(t -> AllureResults.parameter(t, "firmware")).containsExactlyInAnyOrder(
                "7.2.1.1707", "9.0.0.10315", "7.0.2.1072", "8.1.6.1006", "7.2.1.1712", "8.1.6.1005");
        assertThat(tests).extracting(t -> AllureResults.parameter(t, "model")).containsExactlyInAnyOrder(
                "CCX 500", "CCX 500", "CCX 600", "CCX 600", "Trio C60", "Trio C60");
    }
}
