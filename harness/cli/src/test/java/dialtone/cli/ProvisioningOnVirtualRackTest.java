package dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `./dialtone run provisioning` on the virtual rack, in-process: every scenario of the field guide
 * passes on all three models (a scenario gated by @Requires may instead be skipped as not
 * applicable, with its reason), each under the field guide's epic, with evidence.
 */
class ProvisioningOnVirtualRackTest {
    private static final List<String> SCENARIOS = List.of(
            "addByHandAndByCsvGiveTheSameRecord",
            "bulkCodesEnteredInAnyOrderThenSignIn",
            "someDevicesSignInWithTheCodeOnThePhone",
            "codesAreRefusedAfterTheirLifetime",
            "refusedCodesLeaveTheRecordUnchanged",
            "provisionedElsewhereNeedsAFactoryReset",
            "remoteSignInReachesTheSharedAccountHome",
            "personalAndMfaAccountsAreRefused",
            "manualSignOutNeedsAFactoryReset",
            "expiredPasswordIsChangedOnThePhone",
            "enrolmentAllowedShowsCompanyPortalThenHome",
            "blockedEnrolmentLoopIsAnEnvironmentProblem",
            "restartOperationKeepsThePhoneSignedIn");
    private static final List<String> PHONES = List.of("ccx500-1", "ccx600-1", "trio-c60-1");

    @TempDir
    Path reports;

    @Test
    void everyScenarioPassesOnEveryModel() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path rack = FreePortRack.write(Workspace.current().defaultRack(), reports.resolve("rack.yaml"));
        Instant start = Instant.now();
        int exit = Cli.run(out, "run", "provisioning", "--rack", rack.toString(), "--reports", reports.resolve("out").toString());
        Duration took = Duration.between(start, Instant.now());
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.println("provisioning suite on the virtual rack took " + took.toSeconds() + " s");

        List<JsonNode> tests = new AllureResults(reports.resolve("out/allure-results")).tests();
        Map<String, String> outcome = new TreeMap<>();
        for (JsonNode t : tests) {
            String method = t.path("fullName").asText().replaceAll(".*\\.", "");
            String status = t.path("status").asText();
            if (status.equals("skipped")) {
                String reason = t.path("statusDetails").path("message").asText();
                assertThat(reason).as("skip of " + method + " on " + AllureResults.parameter(t, "device")).startsWith("not applicable on");
                status = "not applicable";
            }
            outcome.merge(method + " @ " + AllureResults.parameter(t, "device"), status, (a, b) -> a + "," + b);
        }
        assertThat(exit).as(printed).isZero();
        for (String scenario : SCENARIOS) {
            for (String phone : PHONES) {
                assertThat(outcome.get(scenario + " @ " + phone)).as(scenario + " on " + phone + "\n" + printed)
                        .isIn("passed", "not applicable");
            }
        }
        assertThat(outcome).as("no other results").hasSize(SCENARIOS.size() * PHONES.size());
        assertThat(tests).extracting(t -> AllureResults.label(t, "epic")).containsOnly("Remote device provisioning");
        assertThat(tests.stream().map(t -> AllureResults.label(t, "feature")).collect(Collectors.toSet()))
                .contains("Prepare Device", "Provision Device", "Sign In to Teams", "Remotely Provision Many Devices");
        assertThat(tests).allSatisfy(t -> assertThat(AllureResults.attachments(t)).as("screenshots of " + t.path("name").asText())
                .anyMatch(a -> a.path("type").asText().equals("image/png")));
    }
}
