package dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dialtone.model.SignInMode;
import dialtone.model.rack.Rack;
import dialtone.model.rack.Racks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** racks/lab-example.yaml: parses as a real rack, and every key in it is explained. */
class LabExampleRackTest {
    private final Path file = Workspace.current().home().resolve("racks/lab-example.yaml");

    @Test
    void parsesAsARealRack() {
        Rack rack = Racks.load(file);
        assertThat(rack.virtual()).isFalse();
        assertThat(rack.backend().embedded()).isFalse();
        assertThat(rack.devices()).extracting(Rack.Device::profile).containsExactly("poly-ccx600", "poly-ccx500", "poly-trio-c60");
        assertThat(rack.accounts()).extracting(Rack.Account::signInMode).containsExactly(SignInMode.COMMON_AREA, SignInMode.CONFERENCE);
    }

    @Test
    void everyKeyOfTheFirstDeviceAndAccountIsCommented() throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (String key : List.of("name", "stateDir", "url", "tenant", "organizationName", "adminTokenEnv", "adminTokenFile", "intuneEnrollmentRequired", "deviceAdministratorEnrollment", "otherTenant", "appium", "timeScale",
                "id", "profile", "adb", "mac", "power", "firmware", "adbKeys", "appiumServer", "upn", "displayName", "signInMode", "passwordFile")) {
            int at = -1;
            for (int i = 0; i < lines.size() && at < 0; i++) {
                if (lines.get(i).matches("\\s*(#\\s*)?(- )?" + key + ":.*")) at = i;
            }
            assertThat(at).as(key + " appears in " + file).isNotNegative();
            boolean commented = lines.get(at).contains(" # ") || lines.get(at).strip().startsWith("#")
                    || (at > 0 && lines.get(at - 1).strip().startsWith("#"));
            assertThat(commented).as(key + " is explained (a comment on or above its line)").isTrue();
        }
    }
}
