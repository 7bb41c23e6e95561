package dialtone.suites.firmware;

import static org.awaitility.Awaitility.await;

import dialtone.core.failure.ProductDefect;
import dialtone.model.Mac;
import dialtone.model.profile.FirmwareVersion;
import dialtone.model.teamwork.TeamworkDevice;
import dialtone.model.teamwork.TeamworkDeviceHealth;
import dialtone.suites.RackDeviceTest;
import dialtone.suites.smoke.RemoteProvisioningFlow;
import io.qameta.allure.Allure;
import java.util.Objects;
import java.util.Optional;
import org.testng.annotations.Factory;
import org.testng.annotations.Parameters;
import org.testng.annotations.Test;

/**
 * Validates a build on every phone: the firmware and Teams app versions the phone reports over ADB
 * match {@code --expect-firmware} for its model (if one is given), the smoke flow passes, and the
 * backend inventory then shows the same versions the phone reports. A mismatch is a product defect.
 */
public class FirmwareValidationTest extends RackDeviceTest {

    @Factory(dataProvider = RACK_PHONES, dataProviderClass = RackDeviceTest.class)
    public FirmwareValidationTest(String deviceId) {
        super(deviceId);
    }

    @Test(description = "Firmware and Teams versions on the phone and in the inventory, then provisioning")
    @Parameters(FirmwareExpectations.PARAMETER)
    public void validateBuild(@org.testng.annotations.Optional("") String expectFirmware) {
        describe("Validate the build", "Firmware validation",
                "The phone runs the expected firmware, provisions, and the inventory shows what it runs");
        FirmwareExpectations expectations = FirmwareExpectations.fromParameter(expectFirmware);
        String who = modelName() + " " + deviceId();

        FirmwareVersion firmware = evidence.backendStage("The phone reports its firmware over ADB ("
                + phone.profile().firmware().property() + ")", phone::firmware);
        String teams = evidence.backendStage("The phone reports its Teams app version over ADB (dumpsys package)",
                phone::teamsAppVersion);
        Allure.parameter("Teams app", teams);
        Optional<FirmwareExpectations.Expectation> expected = expectations.forProfile(phone.profile());
        evidence.backendStage(expected.map(e -> "Firmware is " + e.version() + " (--expect-firmware " + e.model() + ")")
                .orElse("No --expect-firmware for " + modelName() + ": firmware checked only against the inventory"), () -> {
                    expected.ifPresent(e -> {
                        if (!firmware.equals(e.version())) {
                            throw new ProductDefect(who + " reports " + firmware + ", expected " + e.version());
                        }
                    });
                    return null;
                });

        Mac mac = new RemoteProvisioningFlow(lab, phone, evidence).run();

        TeamworkDevice device = evidence.backendStage("The inventory (/beta/teamwork/devices) lists the phone",
                () -> await().atMost(phone.profile().budgets().signIn())
                        .until(() -> lab.admin().teamworkDevices().stream()
                                .filter(d -> d.hardwareDetail().macAddresses().contains(mac.toString())).findFirst(),
                                Optional::isPresent)
                        .orElseThrow());
        TeamworkDeviceHealth health = evidence.backendStage("The inventory shows the firmware and Teams app versions",
                () -> lab.admin().teamworkDeviceHealth(device.id()));
        String inventoryFirmware = health.softwareUpdateHealth().firmwareSoftwareUpdateStatus().currentVersion();
        String inventoryTeams = health.softwareUpdateHealth().teamsClientSoftwareUpdateStatus().currentVersion();
        if (!Objects.equals(inventoryFirmware, firmware.toString())) {
            throw new ProductDefect(who + " reports firmware " + firmware + " over ADB, the backend inventory shows " + inventoryFirmware);
        }
        if (!Objects.equals(inventoryTeams, teams)) {
            throw new ProductDefect(who + " reports Teams app " + teams + " over ADB, the backend inventory shows " + inventoryTeams);
        }
    }
}
