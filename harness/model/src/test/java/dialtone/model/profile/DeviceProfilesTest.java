package dialtone.model.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dialtone.model.yaml.YamlException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceProfilesTest {
    static final Path PROFILES = Path.of("../../device-profiles");

    @TempDir
    Path dir;

    @Test
    void theShippedProfilesLoadWithEveryLocatorTheFlowNeeds() {
        DeviceProfiles profiles = DeviceProfiles.loadDirectory(PROFILES);
        assertThat(profiles.all()).extracting(DeviceProfile::id).containsExactly("poly-ccx500", "poly-ccx600", "poly-trio-c60");
        for (DeviceProfile p : profiles.all()) {
            for (PhoneScreen s : PhoneScreen.values()) {
                for (String e : s.elements()) {
                    assertThat(p.locator(s, e)).as(p.id() + " " + s.key() + "." + e).isNotNull();
                }
            }
        }
        DeviceProfile trio = profiles.get("poly-trio-c60");
        assertThat(trio.has(DeviceProfile.Feature.CONFERENCE)).isTrue();
        assertThat(trio.has(DeviceProfile.Feature.HANDSET)).isFalse();
        assertThat(trio.firmware().supports(FirmwareVersion.parse("8.1.6.1005"))).isTrue();
        assertThat(trio.firmware().supports(FirmwareVersion.parse("6.2.0.1"))).isFalse();
        assertThat(profiles.get("poly-ccx600").display()).isEqualTo(new DeviceProfile.Display(1024, 600));
        assertThat(profiles.get("poly-ccx600").budgets().poll()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void anUnknownKeyNamesTheFileTheKeyAndTheKnownKeys() throws IOException {
        Path f = variant("screens:\n  signIn:\n", "screens:\n  signIn:\n    settingsButon: accessibility:Settings\n");
        assertThatThrownBy(() -> DeviceProfiles.load(f))
                .isInstanceOf(YamlException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("screens.signIn.settingsButon: unknown key")
                .hasMessageContaining("settingsButton");
    }

    @Test
    void aMissingLocatorIsNamed() throws IOException {
        Path f = variant("    nextButton: id:com.microsoft.skype.teams.ipphone:id/next_button\n", "");
        assertThatThrownBy(() -> DeviceProfiles.load(f))
                .hasMessage(f + ": screens.provisionCode.nextButton: missing");
    }

    @Test
    void theScreensAfterSignInAreRequiredToo() throws IOException {
        Path f = variant("    message: id:com.microsoft.skype.teams.ipphone:id/password_error\n", "");
        assertThatThrownBy(() -> DeviceProfiles.load(f)).hasMessage(f + ": screens.passwordExpired.message: missing");
        String text = Files.readString(PROFILES.resolve("poly-ccx600.yaml"));
        Path g = dir.resolve("poly-ccx600.yaml");
        Files.writeString(g, text.substring(0, text.indexOf("  signOutConfirm:")) + text.substring(text.indexOf("  passwordExpired:")));
        assertThatThrownBy(() -> DeviceProfiles.load(g)).hasMessage(g + ": screens.signOutConfirm: missing");
    }

    @Test
    void aBadDurationSaysWhatADurationLooksLike() throws IOException {
        Path f = variant("  screen: 20s", "  screen: twenty");
        assertThatThrownBy(() -> DeviceProfiles.load(f))
                .hasMessageContaining("budgets.screen: must be a duration like 250ms, 20s, 3m or 1h, found 'twenty'");
    }

    @Test
    void aBadLocatorStrategyIsRejected() throws IOException {
        Path f = variant("settingsButton: accessibility:Settings", "settingsButton: css:.gear");
        assertThatThrownBy(() -> DeviceProfiles.load(f))
                .hasMessageContaining("screens.signIn.settingsButton: locator 'css:.gear' has unknown strategy 'css'");
    }

    @Test
    void theDialPadLocatorMustHaveADigitPlaceholder() throws IOException {
        Path f = variant("dial_pad_key_{digit}", "dial_pad_key_1");
        assertThatThrownBy(() -> DeviceProfiles.load(f))
                .hasMessageContaining("screens.provisionCode.dialPadKey: must contain the placeholder {digit}");
    }

    @Test
    void aBadFirmwareVersionAndAWrongIdAreRejected() throws IOException {
        Path badFirmware = variant("minimum: 7.0.2.1072", "minimum: seven");
        assertThatThrownBy(() -> DeviceProfiles.load(badFirmware))
                .hasMessageContaining("firmware.minimum: firmware version 'seven' must be dotted numbers");
        Path wrongId = variant("id: poly-ccx600", "id: poly-ccx601");
        assertThatThrownBy(() -> DeviceProfiles.load(wrongId))
                .hasMessageContaining("id: must equal the file name 'poly-ccx600', found 'poly-ccx601'");
    }

    @Test
    void brokenYamlSaysWhere() throws IOException {
        Path f = dir.resolve("poly-ccx600.yaml");
        Files.writeString(f, "id: poly-ccx600\nscreens: [unclosed\n");
        assertThatThrownBy(() -> DeviceProfiles.load(f)).hasMessageContaining("not valid YAML at line");
    }

    @Test
    void theRecoverySectionGivesEachRungItsBudgetAndDefaultsTheRest() throws IOException {
        DeviceProfile shipped = DeviceProfiles.load(PROFILES.resolve("poly-ccx600.yaml"));
        assertThat(shipped.recovery().step(Recovery.Rung.RECONNECT_ADB)).isEqualTo(new Recovery.Step(2, Duration.ofSeconds(10)));
        assertThat(shipped.recovery().step(Recovery.Rung.FACTORY_RESET)).isEqualTo(new Recovery.Step(1, Duration.ofSeconds(600)));
        assertThat(shipped.recovery().powerOffFor()).isEqualTo(Duration.ofSeconds(10));

        String text = Files.readString(PROFILES.resolve("poly-ccx600.yaml"));
        int start = text.indexOf("\nrecovery:\n");
        int end = text.indexOf("\n\n", start + 1);
        Path none = dir.resolve("poly-ccx600.yaml");
        Files.writeString(none, text.substring(0, start + 1) + text.substring(end + 2));
        assertThat(DeviceProfiles.load(none).recovery()).as("no section: the defaults").isEqualTo(Recovery.DEFAULTS);

        Path partial = variant("  reboot:           {attempts: 1, timeout: 300s}\n", "  reboot: {attempts: 0}\n");
        assertThat(DeviceProfiles.load(partial).recovery().step(Recovery.Rung.REBOOT))
                .as("attempts 0 skips the rung; the timeout defaults").isEqualTo(new Recovery.Step(0, Duration.ofSeconds(300)));
    }

    @Test
    void aBadRecoveryKeyOrValueIsNamed() throws IOException {
        assertThatThrownBy(() -> DeviceProfiles.load(variant("  reboot:           {attempts: 1,", "  rebooot:           {attempts: 1,")))
                .hasMessageContaining("poly-ccx600.yaml: recovery.rebooot: unknown key (known keys here: diagnostics, factoryReset, newAppiumSession, powerCycle, reboot, reconnectAdb, restartApp)");
        assertThatThrownBy(() -> DeviceProfiles.load(variant("{attempts: 1, timeout: 300s}\n  powerCycle", "{attempts: 11, timeout: 300s}\n  powerCycle")))
                .hasMessageContaining("recovery.reboot.attempts: must be between 0 and 10, found 11");
        assertThatThrownBy(() -> DeviceProfiles.load(variant("offFor: 10s", "offFor: 0s")))
                .hasMessageContaining("recovery.powerCycle.offFor: must be longer than 0");
        assertThatThrownBy(() -> DeviceProfiles.load(variant("  reboot:           {attempts: 1, timeout: 300s}", "  reboot:           {attempts: 1, timeout: 300s, offFor: 1s}")))
                .hasMessageContaining("recovery.reboot.offFor: unknown key");
        assertThatThrownBy(() -> DeviceProfiles.load(variant("  diagnostics: 60s", "  diagnostics: soon")))
                .hasMessageContaining("recovery.diagnostics: must be a duration like 250ms");
    }

    private Path variant(String from, String to) throws IOException {
        String text = Files.readString(PROFILES.resolve("poly-ccx600.yaml"));
        assertThat(text).contains(from);
        Path f = dir.resolve("poly-ccx600.yaml");
        Files.writeString(f, text.replace(from, to));
        return f;
    }
}
