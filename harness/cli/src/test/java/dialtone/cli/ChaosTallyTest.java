package dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dialtone.cli.ChaosInjector.Injection;
import dialtone.cli.RunPlan.PlannedTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chaos table counted from hand-made results, injected faults, planted defects and a recovery log. */
class ChaosTallyTest {
    private static final String SMOKE = "dialtone.suites.smoke.RemoteProvisioningSmokeTest";
    private static final String METHOD = "provisionAndSignInRemotely";

    @TempDir
    Path reports;

    private final RunPlan plan = new RunPlan("nightly.xml", "rack.yaml", List.of(), null, "htmlunit", List.of(), null, null, "now",
            List.of("p1", "p2", "p3", "p4", "p5", "p6", "p7").stream().map(d -> new PlannedTest(SMOKE, METHOD, d, false)).toList());

    private Path results;

    private void result(String uuid, String device, String status, String trace, boolean retried, long stop) throws Exception {
        results = Files.createDirectories(reports.resolve("allure-results"));
        Files.writeString(results.resolve(uuid + "-result.json"), """
                {"uuid":"%s","fullName":"%s.%s","status":"%s","stop":%d,"statusDetails":{"message":"m","trace":"%s"},
                 "labels":[{"name":"device","value":"%s"}%s]}"""
                .formatted(uuid, SMOKE, METHOD, status, stop, trace, device, retried ? ",{\"name\":\"retried\",\"value\":\"true\"}" : ""));
    }

    private static Injection fault(String device, String fault) {
        return new Injection("t", device, SMOKE + "." + METHOD, 1, 3, fault);
    }

    @Test
    void countsFaultsRecoveriesMisreportsLostResultsAndPlantedDefectsCaught() throws Exception {
        result("1", "p1", "passed", "", false, 10);                                           // fault absorbed by the step
        result("2a", "p2", "broken", "x [dialtone:infrastructure] ADB", true, 5);             // retried after an infra failure...
        result("2b", "p2", "passed", "", false, 20);                                          // ...and passed
        result("3", "p3", "failed", "AssertionError [dialtone:product-defect] screen", false, 30); // an infra fault misreported
        result("4", "p4", "failed", "AssertionError [dialtone:product-defect] org name", false, 40); // planted defect caught
        result("5", "p5", "broken", "x [dialtone:infrastructure] Appium", false, 50);        // fault not recovered
        result("7", "p7", "broken", "x [dialtone:test-defect] org name locator", false, 60); // the planted defect, as a test defect
        // p6: no result at all (lost)
        List<Injection> faults = List.of(fault("p1", "dropAdb"), fault("p2", "killAppiumSession"), fault("p3", "reboot"),
                fault("p4", "freezeUi"), fault("p5", "cutBackend"), fault("p7", "dropAdb"));

        ChaosTally tally = ChaosTally.count(plan, results, faults, Map.of("p4", "orgNameMissing", "p7", "orgNameMissing"),
                ChaosTally.recoveryLog(reports));

        assertThat(tally.tests()).isEqualTo(7);
        assertThat(tally.faultsInjected()).isEqualTo(6);
        assertThat(tally.faultsByType()).containsEntry("reboot", 1L).containsEntry("dropAdb", 2L).hasSize(5);
        assertThat(tally.faultsRecovered()).as("p1, p2, and p4 and p7 whose verdicts are the planted defect's").isEqualTo(4);
        assertThat(tally.absorbed()).isEqualTo(1);
        assertThat(tally.recoveryLogged()).isFalse();
        assertThat(tally.recoveredByRung()).containsExactly(Map.entry(ChaosTally.RETRY_RUNG, 1L));
        assertThat(tally.resultsLost()).isEqualTo(1);
        assertThat(tally.infraAsProductDefects()).isEqualTo(1);
        assertThat(tally.plantedCaught()).as("p7's defect never reached Product defects").isEqualTo(1);
        assertThat(tally.table()).contains("recovered without a person", "4 of 6 (66.7%)", "p4 orgNameMissing: 1 test(s) in Product defects",
                "no recovery.jsonl");
    }

    @Test
    void theRecoveryLadderLogGivesRecoveriesByRungAndQuarantinedPhones() throws Exception {
        result("1", "p1", "passed", "", false, 10);
        Files.writeString(ChaosTally.recoveryLog(reports), """
                {"time":"t1","device":"p1","rung":"reconnectAdb","cause":"dropAdb","outcome":"recovered","millis":120}
                {"time":"t2","device":"p2","rung":"reboot","cause":"freezeUi","outcome":"recovered","millis":4000}
                {"time":"t5","device":"p1","rung":"newAppiumSession","cause":"NoSuchSessionException","outcome":"recovered","millis":300,"stage":"Technician dials its code"}
                {"time":"t6","device":"p2","rung":"reconnectAdb","cause":"AdbException","outcome":"failed","millis":10000,"stage":"Factory reset"}
                {"time":"t3","device":"p3","rung":"powerCycle","cause":"reboot","outcome":"failed","millis":9000}
                {"time":"t4","device":"p3","rung":"factoryReset","cause":"reboot","outcome":"quarantined","millis":20000}
                """);

        ChaosTally tally = ChaosTally.count(plan, results, List.of(), Map.of("p4", "provisioningHangs"), ChaosTally.recoveryLog(reports));

        assertThat(tally.recoveryLogged()).isTrue();
        assertThat(tally.recoveredByRung()).containsExactly(Map.entry("newAppiumSession", 1L), Map.entry("reboot", 1L), Map.entry("reconnectAdb", 1L));
        assertThat(tally.absorbedInStages()).as("recovered climbs made inside a stage").isEqualTo(1);
        assertThat(tally.absorbedInStagesByRung()).containsExactly(Map.entry("newAppiumSession", 1L));
        assertThat(tally.table()).contains("absorbed at the stage level", "1  (newAppiumSession 1)");
        assertThat(tally.quarantined()).isEqualTo(1);
        assertThat(tally.resultsLost()).isEqualTo(6);
        assertThat(tally.plantedCaught()).as("p4's tests never reached Product defects").isZero();
    }
}
