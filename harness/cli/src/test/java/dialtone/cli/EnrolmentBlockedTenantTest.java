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

/**
 * `./dialtone run smoke` on a virtual rack whose embedded tenant requires Intune enrolment and
 * blocks it (rack file: backend.intuneEnrollmentRequired / deviceAdministratorEnrollment): every
 * phone's firmware enrols (7.0 and newer), so every phone meets the sign-in loop, reported under
 * "Environment and policy" with the loop in the message, and the exit code says lab problems only.
 */
class EnrolmentBlockedTenantTest {
    @TempDir
    Path reports;

    @Test
    void theSignInLoopIsAnEnvironmentProblemOnEveryEnrollingPhone() throws Exception {
        Workspace ws = Workspace.current();
        Path rack = FreePortRack.write(ws.defaultRack(), reports.resolve("rack.yaml"));
        String text = Files.readString(rack);
        String org = "  organizationName: Contoso Ltd\n";
        assertThat(text).contains(org);
        Files.writeString(rack, text.replace(org, org + "  intuneEnrollmentRequired: true\n  deviceAdministratorEnrollment: blocked\n"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Cli.run(out, "run", "smoke", "--rack", rack.toString(), "--reports", reports.resolve("out").toString(), "--progress", "off");
        String printed = out.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(printed).isEqualTo(Main.LAB_PROBLEMS);
        assertThat(printed).contains("0 passed, 3 failed");
        List<JsonNode> tests = new AllureResults(reports.resolve("out/allure-results")).tests();
        assertThat(tests).extracting(t -> AllureResults.parameter(t, "device")).containsExactlyInAnyOrder("ccx500-1", "ccx600-1", "trio-c60-1");
        for (JsonNode t : tests) {
            String device = AllureResults.parameter(t, "device");
            assertThat(AllureResults.categories(t, ws.categories())).as("report categories of " + device).containsExactly("Environment and policy");
            assertThat(t.path("statusDetails").path("message").asText()).as(device)
                    .contains("blocks device-administrator enrolment", "sign-in loop", "enrollment blocked by the organization");
            assertThat(AllureResults.attachments(t)).as("evidence of " + device)
                    .anyMatch(a -> a.path("name").asText().startsWith("Page source at failure — The phone reaches its home screen"))
                    .anyMatch(a -> a.path("type").asText().equals("image/png") && a.path("name").asText().contains("at failure"));
        }
    }
}
