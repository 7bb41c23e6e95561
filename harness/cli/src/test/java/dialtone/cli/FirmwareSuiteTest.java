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
 * `./dialtone run firmware` on the virtual rack, in-process: the versions each phone reports over
 * ADB against --expect-firmware, the smoke flow, then the inventory against the phone.
 */
class FirmwareSuiteTest {
    @TempDir
    Path reports;

    private String printed;

    private int run(String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path rack = FreePortRack.write(Workspace.current().defaultRack(), reports.resolve("rack.yaml"));
        String[] args = new String[options.length + 5];
        System.arraycopy(new String[] {"run", "firmware", "--rack", rack.toString(), "--reports=" + reports}, 0, args, 0, 5);
        System.arraycopy(options, 0, args, 5, options.length);
        int exit = Cli.run(out, args);
        printed = out.toString(StandardCharsets.UTF_8);
        return exit;
    }

    @Test
    void passesWhenEveryPhoneRunsTheExpectedFirmwareAndTheInventoryAgrees() throws Exception {
        // by profile id and by model name; the Trio C60 has no expectation: checked against the inventory only
        int exit = run("--expect-firmware", "poly-ccx500=7.2.1.1707", "--expect-firmware", "ccx 600 = 9.0.0.10315");

        assertThat(exit).as(printed).isZero();
        assertThat(printed).contains("3 passed, 0 failed, 0 skipped");
        List<JsonNode> tests = new AllureResults(reports.resolve("allure-results")).tests();
        assertThat(tests).extracting(t -> t.path("status").asText()).containsOnly("passed");
        assertThat(tests).extracting(t -> AllureResults.parameter(t, "Teams app"))
                .allSatisfy(v -> assertThat(v).matches("\\d+/\\d+(\\.\\d+)+"));
        assertThat(tests).flatExtracting(t -> t.findValuesAsText("name"))
                .contains("Firmware is 7.2.1.1707 (--expect-firmware poly-ccx500)", "Firmware is 9.0.0.10315 (--expect-firmware ccx 600)",
                        "No --expect-firmware for Trio C60: firmware checked only against the inventory",
                        "The inventory shows the firmware and Teams app versions");
    }

    @Test
    void aPhoneOnAnotherFirmwareIsAProductDefectNamingBothVersions() throws Exception {
        int exit = run("--expect-firmware", "CCX 600=9.0.0.10400");

        assertThat(exit).as(printed).isEqualTo(Main.PRODUCT_DEFECTS);
        assertThat(printed).contains("2 passed, 1 failed, 0 skipped");
        List<JsonNode> tests = new AllureResults(reports.resolve("allure-results")).tests();
        JsonNode failed = tests.stream().filter(t -> t.path("status").asText().equals("failed")).findFirst().orElseThrow();
        assertThat(AllureResults.label(failed, "suite")).isEqualTo("ccx600-1");
        assertThat(failed.path("statusDetails").path("message").asText()).contains("CCX 600 ccx600-1 reports 9.0.0.10315, expected 9.0.0.10400");
    }

    @Test
    void badExpectationsAreHarnessErrorsSayingWhatIsWrong() {
        assertThat(run("--expect-firmware", "CCX600")).as(printed).isEqualTo(Main.HARNESS_ERROR);
        assertThat(printed).contains("--expect-firmware takes MODEL=VERSION").contains("'CCX600' (no '=')");

        assertThat(run("--expect-firmware", "CCX 600=9.0.x")).as(printed).isEqualTo(Main.HARNESS_ERROR);
        assertThat(printed).contains("must be dotted numbers like 7.2.1.1707");

        assertThat(run("--expect-firmware", "CCX 700=9.0.0.1")).as(printed).isEqualTo(Main.HARNESS_ERROR);
        assertThat(printed).contains("--expect-firmware names CCX 700, which is no profile id or model name of the rack's phones")
                .contains("poly-ccx600 = CCX 600");
    }
}
