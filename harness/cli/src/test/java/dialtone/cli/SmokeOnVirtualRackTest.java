package dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `./dialtone run smoke` on the virtual rack, in-process: three phones, three passed tests, a report. */
class SmokeOnVirtualRackTest {
    @TempDir
    Path reports;

    @Test
    void everyPhoneIsProvisionedAndSignedInRemotelyWithEvidence() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path rack = FreePortRack.write(Workspace.current().defaultRack(), reports.resolve("rack.yaml"));
        int exit = Cli.run(out, "run", "smoke", "--rack", rack.toString(), "--reports", reports.toString());
        String printed = out.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(printed).isZero();
        assertThat(printed).contains("3 passed, 0 failed, 0 skipped").contains("Report: " + reports.resolve("allure-report/index.html"));
        assertThat(reports.resolve("allure-report/index.html")).isRegularFile();
        assertThat(reports.resolve("history")).isDirectory();

        AllureResults results = new AllureResults(reports.resolve("allure-results"));
        List<JsonNode> tests = results.tests();
        assertThat(tests).hasSize(3);
        assertThat(tests).extracting(t -> t.path("status").asText()).containsOnly("passed");
        assertThat(tests).extracting(t -> AllureResults.label(t, "suite")).containsExactlyInAnyOrder("ccx500-1", "ccx600-1", "trio-c60-1");
        assertThat(tests).extracting(t -> AllureResults.parameter(t, "device")).containsExactlyInAnyOrder("ccx500-1", "ccx600-1", "trio-c60-1");
        assertThat(tests).extracting(t -> t.path("historyId").asText()).as("one history per phone, not one test with retries").doesNotHaveDuplicates();
        assertThat(tests).extracting(t -> AllureResults.parameter(t, "model")).containsExactlyInAnyOrder("CCX 500", "CCX 600", "Trio C60");
        assertThat(tests).extracting(t -> AllureResults.parameter(t, "firmware")).containsExactlyInAnyOrder("7.2.1.1707", "9.0.0.10315", "8.1.6.1005");
        for (JsonNode test : tests) {
            Set<String> distinctScreens = new HashSet<>();
            for (JsonNode a : AllureResults.attachments(test)) {
                if (a.path("type").asText().equals("image/png")) {
                    distinctScreens.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(results.read(a))));
                }
            }
            assertThat(distinctScreens).as("different screenshots of " + AllureResults.label(test, "suite")).hasSizeGreaterThanOrEqualTo(5);
        }
        // history is carried into the next run's results before generating
        assertThat(Files.list(reports.resolve("history")).count()).isPositive();
    }
}
