package dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dialtone.core.rack.Health;
import dialtone.core.rack.HealthHistory;
import dialtone.core.rack.RackPool;
import dialtone.simulator.phone.VirtualPhone;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Preflight on a virtual rack of two CCX 500 and one CCX 600, two of which lose ADB (their adbd
 * stops) before the run: both are quarantined with the reason; the CCX 500's test runs on the
 * other CCX 500 with a "moved from" parameter, the CCX 600's is skipped as infrastructure. The
 * health history and {@code dialtone rack} show it; maintenance takes a phone out of the next run.
 */
class PreflightOnVirtualRackTest {
    @TempDir
    Path dir;

    @Test
    void aPhoneFailingPreflightIsQuarantinedAndItsTestsMoveToItsModelOrAreSkippedAsInfrastructure() throws Exception {
        Path rackFile = dir.resolve("rack.yaml");
        Files.writeString(rackFile, """
                name: preflight
                stateDir: state
                backend: {url: embedded, tenant: contoso}
                appium: embedded
                devices:
                  - {id: ccx500-a, profile: poly-ccx500, adb: 127.0.0.1:%d, mac: 64:16:7F:50:0A:01, firmware: 7.2.1.1707}
                  - {id: ccx500-b, profile: poly-ccx500, adb: 127.0.0.1:%d, mac: 64:16:7F:50:0B:01, firmware: 9.0.0.10315}
                  - {id: ccx600-a, profile: poly-ccx600, adb: 127.0.0.1:%d, mac: 64:16:7F:60:0A:01, firmware: 8.1.6.1006}
                """.formatted(FreePortRack.freePort(), FreePortRack.freePort(), FreePortRack.freePort()));
        Path suite = RackProbe.suiteIn(dir);
        Workspace ws = Workspace.current();
        Path results = dir.resolve("allure-results");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        RunSummary summary;
        try (LabLauncher launcher = LabLauncher.start(new LabLauncher.Options(ws.home(), rackFile, Set.of(), null, "htmlunit", Map.of()))) {
            launcher.awaitVirtualPhonesBooted(Duration.ofMinutes(1));
            for (VirtualPhone p : launcher.virtualRack().orElseThrow().phones()) {
                if (!p.id().equals("ccx500-b")) p.close(); // its adbd stops: ADB unreachable
            }
            launcher.reserve("run-1", Duration.ZERO, Duration.ofMinutes(1), Map.of(), new java.io.PrintStream(printed, true, StandardCharsets.UTF_8));
            summary = launcher.with(() -> SuiteRunner.run(suite, results, launcher.lab(), new LiveProgress(System.out, LiveProgress.Mode.OFF, System::nanoTime, 120)));

            ByteArrayOutputStream status = new ByteArrayOutputStream();
            assertThat(Cli.run(status, "rack", "--rack", rackFile.toString())).isZero();
            assertThat(status.toString(StandardCharsets.UTF_8).lines().toList())
                    .anySatisfy(l -> assertThat(l).matches("ccx500-a +poly-ccx500 +127\\.0\\.0\\.1:\\d+ +no +- +- +idle +bad \\(preflight: ADB unreachable at .*\\)"))
                    .anySatisfy(l -> assertThat(l).matches("ccx500-b +poly-ccx500 +127\\.0\\.0\\.1:\\d+ +yes +CCX500 +9\\.0\\.0\\.10315 +idle +good"));
        }
        String port500a = Files.readString(rackFile).replaceAll("(?s).*ccx500-a, profile: poly-ccx500, adb: 127.0.0.1:(\\d+).*", "$1");
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("ccx500-a not used: quarantined: preflight: ADB unreachable at 127.0.0.1:" + port500a)
                .contains("ccx600-a not used: quarantined: preflight: ADB unreachable");

        assertThat(summary.outcomes()).extracting(RunSummary.Outcome::device, RunSummary.Outcome::result).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("ccx500-b", "passed"), org.assertj.core.groups.Tuple.tuple("ccx500-b", "passed"),
                org.assertj.core.groups.Tuple.tuple("ccx600-a", "SKIPPED (infrastructure)"));
        assertThat(summary.exitCode()).as("only the lab failed").isEqualTo(Main.LAB_PROBLEMS);
        assertThat(RunSummary.totals(summary.outcomes())).startsWith("2 passed, 0 failed, 1 skipped");
        assertThat(RunSummary.table(summary.outcomes())).contains("└ phone unavailable: ccx600-a unavailable: quarantined: preflight: ADB unreachable");
        assertThat(RunSummary.table(summary.outcomes())).as("the moved test says so under its row")
                .contains("└ moved from ccx500-a: quarantined: preflight: ADB unreachable at 127.0.0.1:" + port500a);

        List<JsonNode> tests = new AllureResults(results).tests();
        JsonNode moved = tests.stream().filter(t -> AllureResults.parameter(t, "moved from") != null).findFirst().orElseThrow();
        assertThat(AllureResults.parameter(moved, "device")).isEqualTo("ccx500-b");
        assertThat(AllureResults.parameter(moved, "moved from")).isEqualTo("moved from ccx500-a: quarantined: preflight: ADB unreachable at 127.0.0.1:" + port500a);
        assertThat(moved.path("status").asText()).isEqualTo("passed");
        assertThat(moved.path("name").asText()).isEqualTo("Reads the firmware — ccx500-b (moved from ccx500-a)");
        assertThat(tests).extracting(t -> t.path("historyId").asText()).as("the moved test is no retry of the substitute's own")
                .doesNotHaveDuplicates();
        JsonNode skipped = tests.stream().filter(t -> t.path("status").asText().equals("skipped")).findFirst().orElseThrow();
        assertThat(AllureResults.parameter(skipped, "device")).isEqualTo("ccx600-a");
        assertThat(skipped.path("statusDetails").path("message").asText())
                .startsWith("phone unavailable: ccx600-a unavailable: quarantined: preflight: ADB unreachable")
                .endsWith("no usable poly-ccx600 phone to move its tests to");

        Path state = dir.resolve("state");
        HealthHistory.Entries history = new HealthHistory(RackPool.historyFile(state)).read();
        assertThat(history.health("ccx500-a")).isEqualTo(Health.BAD);
        assertThat(history.health("ccx500-b")).isEqualTo(Health.GOOD);
        assertThat(Files.exists(RackPool.leasesDir(state))).as("its own virtual phones are not leased").isFalse();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Cli.run(out, "rack", "--rack", rackFile.toString(), "--maintenance", "ccx500-b", "--reason", "handset cable replaced")).isZero();
        assertThat(Cli.run(out, "rack", "--rack", rackFile.toString(), "--history")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("ccx500-b: good -> maintenance (handset cable replaced)")
                .contains("ccx500-a  health bad, flake rate no tests yet")
                .contains("unknown -> bad  preflight: ADB unreachable at 127.0.0.1:" + port500a + "  [run-1]")
                .contains("ccx500-b  health maintenance, flake rate no tests yet");
        ByteArrayOutputStream refused = new ByteArrayOutputStream();
        assertThat(Cli.run(refused, "rack", "--rack", rackFile.toString(), "--maintenance", "ccx500-b")).isEqualTo(Main.HARNESS_ERROR);
        assertThat(refused.toString(StandardCharsets.UTF_8)).contains("--reason TEXT is required");
    }

}
