package dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dialtone.cli.RunPlan.PlannedTest;
import dialtone.suites.provisioning.BackendClockTest;
import dialtone.suites.provisioning.IntuneEnrolmentTest;
import dialtone.suites.provisioning.PerPhoneScenariosTest;
import dialtone.suites.smoke.RemoteProvisioningSmokeTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run plan: what a suite XML plans on a rack's phones, and which planned tests a killed run left unfinished. */
class RunPlanTest {
    private static final List<String> PHONES = List.of("a", "b");

    @TempDir
    Path reports;

    @Test
    void theNightlyPlansEveryTestMethodOfEverySuiteFileOncePerPhone() {
        List<PlannedTest> planned = RunPlan.plannedTests(Workspace.current().suite("nightly"), PHONES);

        assertThat(planned).contains(new PlannedTest(RemoteProvisioningSmokeTest.class.getName(), "provisionAndSignInRemotely", "a", false),
                new PlannedTest(RemoteProvisioningSmokeTest.class.getName(), "provisionAndSignInRemotely", "b", false),
                new PlannedTest(BackendClockTest.class.getName(), "codesAreRefusedAfterTheirLifetime", "b", true));
        assertThat(planned).filteredOn(t -> t.testClass().equals(PerPhoneScenariosTest.class.getName())).hasSize(9 * PHONES.size());
        // each Intune <test> includes one method of the class; TenantPolicy has no test methods
        assertThat(planned).filteredOn(t -> t.testClass().equals(IntuneEnrolmentTest.class.getName())).extracting(PlannedTest::method)
                .containsExactlyInAnyOrder("enrolmentAllowedShowsCompanyPortalThenHome", "enrolmentAllowedShowsCompanyPortalThenHome",
                        "blockedEnrolmentLoopIsAnEnvironmentProblem", "blockedEnrolmentLoopIsAnEnvironmentProblem");
        assertThat(planned).extracting(PlannedTest::testClass).doesNotContain("dialtone.suites.provisioning.TenantPolicy");
        assertThat(planned).extracting(PlannedTest::key).doesNotHaveDuplicates();
    }

    @Test
    void aTestIsUnfinishedWithoutAWholeFinalResultAndARackWideOneIsRerunOnEveryPhone() throws Exception {
        String smoke = RemoteProvisioningSmokeTest.class.getName();
        String clock = BackendClockTest.class.getName();
        RunPlan plan = new RunPlan("nightly.xml", "rack.yaml", List.of(), null, "htmlunit", List.of(), null, "captured-profiles", "now", List.of(
                new PlannedTest(smoke, "provisionAndSignInRemotely", "a", false),
                new PlannedTest(smoke, "provisionAndSignInRemotely", "b", false),
                new PlannedTest(smoke, "provisionAndSignInRemotely", "c", false),
                new PlannedTest(smoke, "provisionAndSignInRemotely", "d", false),
                new PlannedTest(clock, "codesAreRefusedAfterTheirLifetime", "a", true),
                new PlannedTest(clock, "codesAreRefusedAfterTheirLifetime", "b", true)));
        Path results = Files.createDirectories(reports.resolve("allure-results"));
        result(results, "1", smoke + ".provisionAndSignInRemotely", "a", "failed", false);      // finished (a failure is a result)
        result(results, "2", smoke + ".provisionAndSignInRemotely", "b", "skipped", true);      // a retried attempt only
        Files.writeString(results.resolve("3-result.json"), "{\"fullName\":\"" + smoke + ".provisionAndSignInRemotely\",\"labe");  // half-written: c
        result(results, "4", clock + ".codesAreRefusedAfterTheirLifetime", "a", "passed", false);                     // rack-wide, b missing
        plan.write(reports);

        RunPlan read = RunPlan.read(reports);
        assertThat(read).isEqualTo(plan);
        assertThat(read.unfinished(results)).extracting(PlannedTest::key).containsExactly(
                smoke + "#provisionAndSignInRemotely @ b", smoke + "#provisionAndSignInRemotely @ c", smoke + "#provisionAndSignInRemotely @ d",
                clock + "#codesAreRefusedAfterTheirLifetime @ a", clock + "#codesAreRefusedAfterTheirLifetime @ b");
        assertThat(read.lost(results)).isEqualTo(4);

        result(results, "5", smoke + ".provisionAndSignInRemotely", "b", "passed", false);
        assertThat(read.unfinished(results)).extracting(PlannedTest::device).containsExactly("c", "d", "a", "b");
    }

    @Test
    void readingAMissingPlanSaysWhichFileAndWhy() {
        assertThatThrownBy(() -> RunPlan.read(reports)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no run plan " + reports.resolve("run/plan.json"))
                .hasMessageContaining("only a run started with `dialtone run SUITE`");
    }

    static void result(Path results, String uuid, String fullName, String device, String status, boolean retried) throws Exception {
        Files.writeString(results.resolve(uuid + "-result.json"), """
                {"uuid":"%s","fullName":"%s","status":"%s","labels":[{"name":"device","value":"%s"}%s]}"""
                .formatted(uuid, fullName, status, device, retried ? ",{\"name\":\"retried\",\"value\":\"true\"}" : ""));
    }
}
