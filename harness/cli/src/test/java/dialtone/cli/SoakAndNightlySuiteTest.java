package dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `./dialtone run soak` and `./dialtone run nightly` on the virtual rack, in-process. */
class SoakAndNightlySuiteTest {
    @TempDir
    Path reports;

    private int run(ByteArrayOutputStream out, String suite, String... options) {
        Path rack = FreePortRack.write(Workspace.current().defaultRack(), reports.resolve("rack.yaml"));
        String[] args = new String[options.length + 5];
        System.arraycopy(new String[] {"run", suite, "--rack", rack.toString(), "--reports=" + reports}, 0, args, 0, 5);
        System.arraycopy(options, 0, args, 5, options.length);
        return Cli.run(out, args);
    }

    @Test
    void soakRunsTheGivenNumberOfCyclesOnEveryPhoneEachAStepWithItsDuration() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = run(out, "soak", "--soak-cycles", "2");
        String printed = out.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(printed).isZero();
        assertThat(printed).contains("3 passed, 0 failed, 0 skipped");
        List<JsonNode> tests = new AllureResults(reports.resolve("allure-results")).tests();
        assertThat(tests).extracting(t -> AllureResults.parameter(t, "cycles")).containsOnly("2");
        for (JsonNode test : tests) {
            List<String> cycles = test.path("steps").findValuesAsText("name").stream().filter(n -> n.startsWith("Cycle ")).toList();
            assertThat(cycles).as(AllureResults.label(test, "suite")).hasSize(2);
            assertThat(cycles.get(0)).matches("Cycle 1 of 2 \\(\\d+\\.\\d s\\)");
            assertThat(cycles.get(1)).matches("Cycle 2 of 2 \\(\\d+\\.\\d s\\)");
        }
    }

    @Test
    void aSoakCycleCountBelowOneIsAHarnessError() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(run(out, "soak", "--soak-cycles", "0")).isEqualTo(Main.HARNESS_ERROR);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--soak-cycles must be 1 or more, got 0");
    }

    @Test
    void aSuiteFileThatDoesNotExistIsAHarnessErrorNamingIt() throws Exception {
        Path nightly = Files.writeString(reports.resolve("nightly.xml"),
                "<suite name=\"n\"><suite-files><suite-file path=\"nowhere.xml\"/></suite-files></suite>");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(run(out, nightly.toString())).isEqualTo(Main.HARNESS_ERROR);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(nightly + " names suite-file(s) that do not exist next to it: nowhere.xml");
    }

    /**
     * Smoke, provisioning, firmware and soak one after the other. The provisioning suite has its own
     * test (ProvisioningOnVirtualRackTest, about five minutes); running it again here would double
     * that, so this runs a copy of nightly.xml without it and checks nightly.xml names it.
     */
    @Test
    void nightlyRunsEverySuiteOnEveryPhone() throws Exception {
        Path nightly = Workspace.current().suite("nightly");
        Path suites = nightly.getParent();
        String original = Files.readString(nightly);
        assertThat(original).contains("<suite-file path=\"smoke.xml\"/>", "<suite-file path=\"provisioning.xml\"/>",
                "<suite-file path=\"firmware.xml\"/>", "<suite-file path=\"soak.xml\"/>");
        String xml = original.replaceAll("\\s*<suite-file path=\"provisioning.xml\"/>", "")
                .replaceAll("<suite-file path=\"([^\"]+)\"/>", "<suite-file path=\"" + suites.toAbsolutePath() + "/$1\"/>");
        nightly = Files.writeString(reports.resolve("nightly.xml"), xml);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = run(out, nightly.toString(), "--soak-cycles", "1", "--expect-firmware", "CCX 600=9.0.0.10315");
        String printed = out.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(printed).isZero();
        List<JsonNode> tests = new AllureResults(reports.resolve("allure-results")).tests();
        assertThat(tests).extracting(t -> t.path("status").asText()).containsOnly("passed");
        assertThat(tests).extracting(t -> t.path("fullName").asText().replaceAll("\\.[^.]+$", ""))
                .containsOnly("dialtone.suites.smoke.RemoteProvisioningSmokeTest", "dialtone.suites.firmware.FirmwareValidationTest",
                        "dialtone.suites.soak.SoakTest")
                .hasSize(9);
    }
}
