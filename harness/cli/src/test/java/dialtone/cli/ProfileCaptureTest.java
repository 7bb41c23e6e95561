package dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dialtone.model.profile.DeviceProfile;
import dialtone.model.profile.DeviceProfiles;
import dialtone.model.profile.Locator;
import dialtone.model.profile.PhoneScreen;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dialtone profile capture} against a virtual phone: the profile it writes loads, matches the
 * template where the phone agrees, and the smoke suite passes with it on a one-phone rack.
 */
class ProfileCaptureTest {
    @TempDir
    Path dir;

    @Test
    void aCapturedProfilePassesTheSmokeSuite() throws IOException {
        Workspace ws = Workspace.current();
        int adbPort;
        try (ServerSocket s = new ServerSocket(0)) {
            adbPort = s.getLocalPort();
        }
        Path token = Files.writeString(dir.resolve("admin-token"), LabLauncher.randomSecret());
        Path password = Files.writeString(dir.resolve("lobby.password"), LabLauncher.randomSecret());
        Path virtualRack = Files.writeString(dir.resolve("one-phone.yaml"), """
                name: one-phone
                backend: {url: embedded, tenant: contoso, organizationName: Contoso Ltd, adminTokenFile: "%s"}
                appium: embedded
                devices:
                  - {id: ccx600-1, profile: poly-ccx600, adb: "127.0.0.1:%d", mac: "64:16:7F:60:00:01", firmware: 9.0.0.10315}
                accounts:
                  - {upn: lobby-phone@contoso.example, displayName: Lobby Phone, signInMode: commonArea, passwordFile: "%s"}
                """.formatted(token, adbPort, password));
        Path profile = dir.resolve("captured/poly-ccx600.yaml");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream smoke = new ByteArrayOutputStream();
        try (LabLauncher phone = LabLauncher.start(new LabLauncher.Options(ws.home(), virtualRack, Set.of(), null, "htmlunit", Map.of()))) {
            phone.awaitVirtualPhonesBooted(Duration.ofSeconds(30));
            int exit = Cli.run(out, "profile", "capture", "--device", "127.0.0.1:" + adbPort,
                    "--appium", phone.lab().appiumUrl().toString(), "--out", profile.toString());
            assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
            // the walk went back: the phone shows its sign-in screen again, unprovisioned
            assertThat(phone.virtualRack().orElseThrow().phones().get(0).state().toString()).isEqualTo("SIGN_IN");

            // the same phone as a real rack sees it (no second boot): smoke with only the captured profile
            Path labRack = Files.writeString(dir.resolve("lab.yaml"), """
                    name: captured-lab
                    backend: {url: "%s", tenant: contoso, adminTokenFile: "%s"}
                    appium: "%s"
                    devices:
                      - {id: ccx600-1, profile: poly-ccx600, adb: "127.0.0.1:%d", mac: "64:16:7F:60:00:01"}
                    accounts:
                      - {upn: lobby-phone@contoso.example, displayName: Lobby Phone, signInMode: commonArea, passwordFile: "%s"}
                    """.formatted(phone.lab().backendUrl(), token, phone.lab().appiumUrl(), adbPort, password));
            int smokeExit = Cli.run(smoke, "run", "smoke", "--rack", labRack.toString(), "--profiles", profile.getParent().toString(),
                    "--reports", dir.resolve("reports").toString(), "--progress", "off");
            assertThat(smokeExit).as(smoke.toString(StandardCharsets.UTF_8)).isZero();
        }
        assertThat(smoke.toString(StandardCharsets.UTF_8)).contains("1 passed, 0 failed, 0 skipped");

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("starting from profile poly-ccx600")
                .containsPattern("signIn +\\d+ found, 0 re-derived")
                .containsPattern("settings +\\d+ found")
                .containsPattern("provisionCode +4 found, 0 re-derived, 0 not found")
                .containsPattern("lockScreen +not reached");
        Path pages = dir.resolve("captured/poly-ccx600.capture");
        assertThat(pages.resolve("signIn.xml")).content().contains("sign_in_on_the_device");
        assertThat(pages.resolve("settings.xml")).content().contains("Provision");
        assertThat(pages.resolve("provisionCode.xml")).content().contains("verification_code");
        assertThat(pages.resolve("getprop.txt")).content().contains("[ro.product.model]: [CCX600]");

        DeviceProfile captured = DeviceProfiles.load(profile);
        DeviceProfile template = DeviceProfiles.loadDirectory(ws.home().resolve("device-profiles")).get("poly-ccx600");
        assertThat(captured.properties()).isEqualTo(template.properties());
        assertThat(captured.locators()).isEqualTo(template.locators());
        assertThat(captured.budgets()).isEqualTo(template.budgets());
        assertThat(Files.readString(profile)).contains("# found on the captured screen (provisionCode.xml)")
                .contains("# not verified: the screen was not reached");
    }

    @Test
    void aLocatorThatMissedIsReDerivedFromThePageSourceWhereItCanBe() {
        String page = """
                <hierarchy><android.widget.FrameLayout>
                  <android.widget.Button resource-id="com.microsoft.teams.newpkg:id/next_button" text="Next"/>
                  <android.widget.Button resource-id="com.microsoft.teams.newpkg:id/dial_pad_key_1" text="1"/>
                  <android.widget.ImageButton resource-id="" text="Settings"/>
                </android.widget.FrameLayout></hierarchy>
                """;
        assertThat(ProfileCapture.candidates(Locator.parse("id:com.microsoft.skype.teams.ipphone:id/next_button"), page))
                .containsExactly(Locator.parse("id:com.microsoft.teams.newpkg:id/next_button"));
        assertThat(ProfileCapture.candidates(Locator.parse("id:com.microsoft.skype.teams.ipphone:id/dial_pad_key_{digit}"), page))
                .containsExactly(Locator.parse("id:com.microsoft.teams.newpkg:id/dial_pad_key_{digit}"));
        assertThat(ProfileCapture.candidates(Locator.parse("accessibility:Settings"), page))
                .containsExactly(Locator.parse("xpath://*[@text='Settings']"));
        assertThat(ProfileCapture.candidates(Locator.parse("xpath://*[@text='Gone']"), page)).isEmpty();
        assertThat(ProfileCapture.candidates(Locator.parse("id:x:id/missing"), page)).isEmpty();
        assertThat(PhoneScreen.PROVISION_CODE.elements()).contains("dialPadKey");
    }
}
