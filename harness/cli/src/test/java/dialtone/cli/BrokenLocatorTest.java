package dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profile whose locator does not match the phone fails the smoke test with a message naming the
 * profile, the screen and the locator, with the page source and a screenshot attached.
 */
class BrokenLocatorTest {
    @TempDir
    Path home;

    @Test
    void aWrongLocatorIsReportedWithProfileScreenLocatorAndEvidence() throws IOException {
        Workspace real = Workspace.current();
        FreePortRack.write(real.defaultRack(), home.resolve("racks/virtual.yaml"));
        copy(real.home(), "suites/smoke.xml");
        for (String model : List.of("poly-ccx500", "poly-ccx600", "poly-trio-c60")) {
            copy(real.home(), "device-profiles/" + model + ".yaml");
        }
        Path ccx600 = home.resolve("device-profiles/poly-ccx600.yaml");
        String profile = Files.readString(ccx600)
                .replace("settingsButton: accessibility:Settings", "settingsButton: accessibility:Gear")
                .replace("  screen: 20s", "  screen: 3s");
        Files.writeString(ccx600, profile);

        String previousHome = System.getProperty("dialtone.home");
        System.setProperty("dialtone.allure.home", real.allureHome().toString());
        System.setProperty("dialtone.home", home.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit;
        try {
            exit = Cli.run(out, "run", "smoke", "--model", "poly-ccx600");
        } finally {
            System.setProperty("dialtone.home", previousHome);
            System.clearProperty("dialtone.allure.home");
        }

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("a profile that does not match the phone is a test defect: " + printed).isEqualTo(Main.HARNESS_ERROR);
        String expected = "profile poly-ccx600 (" + ccx600 + "): screen signIn, locator settingsButton = accessibility:Gear";
        assertThat(printed).contains("0 passed, 1 failed, 0 skipped (Test defects: 1)").contains(expected);

        AllureResults results = new AllureResults(home.resolve("reports/allure-results"));
        JsonNode test = results.tests().get(0);
        assertThat(test.path("status").asText()).isEqualTo("broken");
        assertThat(test.path("statusDetails").path("message").asText()).contains(expected);
        assertThat(test.path("statusDetails").path("trace").asText()).contains("[dialtone:test-defect] Test defects: device profile locator matched nothing");
        List<JsonNode> attachments = AllureResults.attachments(test);
        JsonNode source = attachments.stream().filter(a -> a.path("type").asText().equals("application/xml")).findFirst().orElseThrow();
        assertThat(new String(results.read(source), StandardCharsets.UTF_8))
                .contains("<hierarchy").contains("content-desc=\"Settings\"");
        assertThat(attachments).anySatisfy(a -> assertThat(a.path("name").asText()).startsWith("Screen at failure"));
        // the device's slice of the backend audit log: the MAC was added and a code issued before the failure
        JsonNode audit = attachments.stream().filter(a -> a.path("name").asText().startsWith("Backend audit log")).findFirst().orElseThrow();
        assertThat(new String(results.read(audit), StandardCharsets.UTF_8)).contains("64:16:7F:60:00:01", "deviceAdded", "verificationCodeIssued");
    }

    private void copy(Path from, String relative) throws IOException {
        Path target = home.resolve(relative);
        Files.createDirectories(target.getParent());
        Files.copy(from.resolve(relative), target);
    }
}
