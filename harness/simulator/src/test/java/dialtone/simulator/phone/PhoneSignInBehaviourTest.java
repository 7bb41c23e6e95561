package dialtone.simulator.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dadb.AdbKeyPair;
import dadb.Dadb;
import dialtone.model.profile.PhoneScreen;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What happens after the verification code: remote sign-in (lock screen), Company Portal
 * enrolment and its loop, the home screen per account, manual sign-out, the password-expired
 * prompt and the factory reset that wipes it all. Real backend, driven through the phone's screens.
 */
class PhoneSignInBehaviourTest {
    @TempDir
    static Path keys;

    private PhoneBench bench;

    @AfterEach
    void stop() {
        if (bench != null) bench.close();
    }

    @Test
    void enrolmentRequiredGoesThroughCompanyPortalThenHome() throws Exception {
        PhoneBench b = bench = new PhoneBench("poly-ccx500", "7.2.1.1707", "64:16:7F:50:20:01", PhoneBench.FAST, null);
        b.backend.enrollment(true, "allowed");
        provision(b);
        remoteSignIn(b, EmbeddedBackend.CAP);
        b.element(PhoneScreen.HOME, "commonAreaHome");
        assertThat(b.text(PhoneScreen.HOME, "signedInUser")).isEqualTo("Lobby Phone");
        assertThat(b.logcat()).containsSubsequence(
                "TeamsIpPhone: screen SIGNING_IN -> COMPANY_PORTAL",
                "CompanyPortal: Verifying a few things: enrolling this device (device administrator)",
                "CompanyPortal: enrolled (deviceAdministrator): registering this device",
                "TeamsIpPhone: screen COMPANY_PORTAL -> SIGNING_IN",
                "TeamsIpPhone: signed in as " + EmbeddedBackend.CAP,
                "TeamsIpPhone: screen SIGNING_IN -> HOME");
        await().atMost(Duration.ofSeconds(5)).until(() -> currentUser(b).equals("Lobby Phone"));
    }

    @Test
    void aTenantThatBlocksEnrolmentSendsThePhoneBackToADeviceCodeEveryTime() throws Exception {
        PhoneBench b = bench = new PhoneBench("poly-trio-c60", "8.1.6.1005", "00:04:F2:C6:20:01", PhoneBench.FAST, null);
        b.backend.enrollment(true, "blocked");
        provision(b);
        remoteSignIn(b, EmbeddedBackend.CAP);
        String next = awaitNewSignInCode(b, null);
        // the next attempt, with the code the sign-in screen now shows, loops again
        assertThat(b.backend.portalSignIn(next, EmbeddedBackend.CAP, EmbeddedBackend.PASSWORD)).contains("id=\"done\"");
        awaitNewSignInCode(b, next);
        List<String> loops = b.logcat().stream().filter(l -> l.startsWith("CompanyPortal: enrollment blocked by the organization")).toList();
        assertThat(loops).hasSize(2);
        assertThat(b.logcat()).containsSubsequence("CompanyPortal: Verifying a few things: enrolling this device (device administrator)",
                "TeamsIpPhone: screen COMPANY_PORTAL -> SIGN_IN", "CompanyPortal: Verifying a few things: enrolling this device (device administrator)",
                "TeamsIpPhone: screen COMPANY_PORTAL -> SIGN_IN");
        assertThat(b.logcat()).noneMatch(l -> l.contains("-> HOME"));
        assertThat(currentUser(b)).as("never signed in").isEmpty();
        assertThat(PhoneBehaviourTest.macs(b.backend.records("waitingForSignIn"))).contains(b.mac().toString());
    }

    @Test
    void firmwareSixTwoSignsInWithoutCompanyPortalAndHasNoProvisionItem() throws Exception {
        PhoneBench b = bench = new PhoneBench("poly-ccx600", "6.2.0.100", "64:16:7F:60:20:01", PhoneBench.FAST, null);
        b.backend.enrollment(true, "blocked");
        b.tap(PhoneScreen.SIGN_IN, "settingsButton");
        b.element(PhoneScreen.SETTINGS, "marker");
        assertThat(b.showing(PhoneScreen.SETTINGS, "provisionPhone")).as("below the remote-provisioning minimum").isFalse();
        b.driver().navigate().back();
        // "some devices": the admin signs in the code the phone shows
        String code = b.text(PhoneScreen.SIGN_IN, "deviceLoginCode");
        assertThat(b.backend.portalSignIn(code, EmbeddedBackend.CAP, EmbeddedBackend.PASSWORD)).contains("id=\"done\"");
        b.element(PhoneScreen.HOME, "commonAreaHome");
        assertThat(b.logcat()).noneMatch(l -> l.startsWith("CompanyPortal"));
    }

    @Test
    void manualSignOutKeepsTheOrganizationAndTheBackendRefusesProvisioningAgain() throws Exception {
        PhoneBench b = bench = new PhoneBench("poly-ccx600", "8.1.6.1006", "64:16:7F:60:21:01", PhoneBench.FAST, null);
        String code = provision(b);
        remoteSignIn(b, EmbeddedBackend.CAP);
        b.element(PhoneScreen.HOME, "commonAreaHome");

        b.tap(PhoneScreen.HOME, "menu");
        b.tap(PhoneScreen.SETTINGS, "signOut");
        b.tap(PhoneScreen.SIGN_OUT_CONFIRM, "cancelButton");
        b.element(PhoneScreen.SETTINGS, "marker");
        b.tap(PhoneScreen.SETTINGS, "signOut");
        b.tap(PhoneScreen.SIGN_OUT_CONFIRM, "confirmButton");
        assertThat(b.text(PhoneScreen.SIGN_IN, "organizationName")).isEqualTo(EmbeddedBackend.ORGANIZATION);
        b.element(PhoneScreen.SIGN_IN, "deviceLoginCode");
        await().atMost(Duration.ofSeconds(5)).until(() -> actions(b).contains("signedOut"));
        assertThat(currentUser(b)).isEmpty();
        assertThat(PhoneBehaviourTest.macs(b.backend.records("waitingForSignIn"))).as("not back to Waiting for sign in")
                .doesNotContain(b.mac().toString());

        b.enterVerificationCode(code);
        assertThat(b.text(PhoneScreen.PROVISIONING_RESULT, "failureMessage"))
                .isEqualTo(b.phone.line().provisioningMessage("already_provisioned"));
        b.driver().navigate().back();
        b.driver().navigate().back();

        // the conference-room account signs in on the sign-in screen's code: a desk phone's meeting-room home
        String userCode = b.text(PhoneScreen.SIGN_IN, "deviceLoginCode");
        assertThat(b.backend.portalSignIn(userCode, EmbeddedBackend.ROOM, EmbeddedBackend.PASSWORD)).contains("id=\"done\"");
        b.element(PhoneScreen.HOME, "conferenceHome");
        assertThat(b.text(PhoneScreen.HOME, "signedInUser")).isEqualTo("Room 4");
    }

    @Test
    void theTrioGivesASharedAccountItsMeetingRoomHome() throws Exception {
        PhoneBench b = bench = new PhoneBench("poly-trio-c60", "7.2.1.1712", "00:04:F2:C6:21:01", PhoneBench.FAST, null);
        provision(b);
        remoteSignIn(b, EmbeddedBackend.CAP);
        b.element(PhoneScreen.HOME, "commonAreaHome");
        assertThat(b.showing(PhoneScreen.HOME, "conferenceHome")).as("the Trio's shared-account home is the meeting room").isTrue();
        assertThat(b.driver().findElements(io.appium.java_client.AppiumBy.xpath("//*[@text='Meet now']"))).hasSize(1);
    }

    @Test
    void anExpiredPasswordIsAskedForOnThePhoneAndChangedThere() throws Exception {
        PhoneBench b = bench = new PhoneBench("poly-ccx500", "9.0.0.10315", "64:16:7F:50:21:01", PhoneBench.FAST, Duration.ofHours(1));
        provision(b);
        remoteSignIn(b, EmbeddedBackend.CAP);
        b.element(PhoneScreen.HOME, "commonAreaHome");
        b.backend.advanceClock(Duration.ofHours(2));
        // the next token refresh (the line's interval, scaled) is refused with AADSTS50055
        b.element(PhoneScreen.PASSWORD_EXPIRED, "marker");
        assertThat(b.logcat()).anyMatch(l -> l.contains("AADSTS50055"));

        b.element(PhoneScreen.PASSWORD_EXPIRED, "currentPassword").sendKeys("not-the-password");
        b.element(PhoneScreen.PASSWORD_EXPIRED, "newPassword").sendKeys("Lobby-Password-2");
        b.tap(PhoneScreen.PASSWORD_EXPIRED, "updateButton");
        assertThat(b.text(PhoneScreen.PASSWORD_EXPIRED, "message")).isEqualTo(b.phone.line().passwordMessage("invalid_password"));

        b.element(PhoneScreen.PASSWORD_EXPIRED, "currentPassword").sendKeys(EmbeddedBackend.PASSWORD);
        b.element(PhoneScreen.PASSWORD_EXPIRED, "newPassword").sendKeys("Lobby-Password-2");
        b.tap(PhoneScreen.PASSWORD_EXPIRED, "updateButton");
        b.element(PhoneScreen.HOME, "commonAreaHome");
        assertThat(b.backend.server.directory().member(EmbeddedBackend.CAP).orElseThrow().account().password()).isEqualTo("Lobby-Password-2");
        assertThat(b.logcat()).noneMatch(l -> l.contains("Lobby-Password"));
    }

    @Test
    void aFactoryResetWipesTheTenantTheAccountTheFilesAndTheSettings() throws Exception {
        PhoneBench b = bench = new PhoneBench("poly-ccx600", "7.0.2.1072", "64:16:7F:60:22:01", PhoneBench.FAST, null);
        provision(b);
        remoteSignIn(b, EmbeddedBackend.CAP);
        b.element(PhoneScreen.HOME, "commonAreaHome");
        try (Dadb adb = dadb(b)) {
            adb.shell("screencap -p /sdcard/evidence.png");
            assertThat(adb.shell("ls /sdcard").getOutput()).contains("evidence.png");
            adb.shell("settings put system screen_off_timeout 600000");
            assertThat(adb.shell("settings get system screen_off_timeout").getOutput()).isEqualTo("600000\n");
            adb.shell(b.profile.factoryResetCommand());
        }
        b.sessionEnded();
        b.awaitState(PhoneState.BOOTING);
        b.awaitState(PhoneState.SIGN_IN);
        b.element(PhoneScreen.SIGN_IN, "deviceLoginCode");
        assertThat(b.showing(PhoneScreen.SIGN_IN, "organizationName")).as("no org name after a reset").isFalse();
        try (Dadb adb = dadb(b)) {
            assertThat(adb.shell("ls /sdcard").getOutput()).doesNotContain("evidence.png");
            assertThat(adb.shell("settings get system screen_off_timeout").getOutput()).isEqualTo("null\n");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> actions(b).contains("factoryReset"));
        assertThat(currentUser(b)).isEmpty();
        b.backend.addDevice(b.mac()); // the backend takes the MAC again: nothing is left bound
        b.enterVerificationCode(b.backend.verificationCode(b.mac()));
        b.element(PhoneScreen.PROVISIONING_RESULT, "success");
    }

    @Test
    void aPhoneResetWhileTheBackendWasAwayTellsItOfTheResetThenShowsItsCodeAndSignsIn() throws Exception {
        PhoneBench b = bench = new PhoneBench("poly-ccx600", "7.0.2.1072", "64:16:7F:60:23:01", PhoneBench.FAST, null);
        provision(b);
        remoteSignIn(b, EmbeddedBackend.CAP);
        b.element(PhoneScreen.HOME, "commonAreaHome");
        b.phone.faults().cutBackend(java.util.Optional.empty());
        try (Dadb adb = dadb(b)) {
            adb.shell(b.profile.factoryResetCommand());
        }
        b.sessionEnded();
        b.awaitState(PhoneState.BOOTING);
        b.awaitState(PhoneState.SIGN_IN);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(8))
                .until(() -> !b.showing(PhoneScreen.SIGN_IN, "deviceLoginCode"));   // no code without the backend: it keeps trying

        b.phone.faults().clear("cutBackend");
        String code = b.text(PhoneScreen.SIGN_IN, "deviceLoginCode");                 // nobody touched the phone
        assertThat(actions(b)).as("the reset is told before the phone's new life starts").contains("factoryReset");
        assertThat(b.backend.portalSignIn(code, EmbeddedBackend.CAP, EmbeddedBackend.PASSWORD)).contains("id=\"done\"");
        b.element(PhoneScreen.HOME, "commonAreaHome");
    }

    /** Admin adds the MAC and generates a code; the technician enters it; the phone shows the org name. */
    private static String provision(PhoneBench b) throws Exception {
        b.backend.addDevice(b.mac());
        String code = b.backend.verificationCode(b.mac());
        b.enterVerificationCode(code);
        b.element(PhoneScreen.PROVISIONING_RESULT, "success");
        assertThat(b.text(PhoneScreen.SIGN_IN, "organizationName")).isEqualTo(EmbeddedBackend.ORGANIZATION);
        return code;
    }

    /** Admin clicks Signed Out: the phone locks with the device login code, which the admin signs in on the portal. */
    private static void remoteSignIn(PhoneBench b, String upn) throws Exception {
        JsonNode remote = b.backend.remoteSignIn(b.mac());
        String shown = b.text(PhoneScreen.LOCK, "deviceLoginCode");
        assertThat(shown).isEqualToIgnoringCase(remote.path("userCode").asText());
        assertThat(b.showing(PhoneScreen.SIGN_IN, "settingsButton")).as("locked: no gear").isFalse();
        assertThat(b.backend.portalSignIn(shown.toLowerCase(), upn, EmbeddedBackend.PASSWORD)).contains("id=\"done\"");
    }

    /** Waits for the sign-in screen to show a device login code other than {@code previous}. */
    private static String awaitNewSignInCode(PhoneBench b, String previous) {
        List<String> code = new ArrayList<>(List.of(""));
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).ignoreExceptions().until(() -> {
            if (b.phone.state() != PhoneState.SIGN_IN) return false;
            code.set(0, b.text(PhoneScreen.SIGN_IN, "deviceLoginCode"));
            return !code.get(0).equals(previous);
        });
        return code.get(0);
    }

    private static String currentUser(PhoneBench b) {
        for (JsonNode d : b.backend.inventory().path("value")) {
            if (d.path("hardwareDetail").path("macAddresses").toString().contains(b.mac().toString())) {
                return d.path("currentUser").path("displayName").asText("");
            }
        }
        return "";
    }

    private static List<String> actions(PhoneBench b) {
        List<String> out = new ArrayList<>();
        b.backend.audit(b.mac()).forEach(e -> out.add(e.path("action").asText()));
        return out;
    }

    private static Dadb dadb(PhoneBench b) throws Exception {
        File priv = keys.resolve("adbkey").toFile();
        File pub = keys.resolve("adbkey.pub").toFile();
        if (!priv.exists()) AdbKeyPair.generate(priv, pub);
        return Dadb.create(b.phone.adbAddress().host(), b.phone.adbAddress().port(), AdbKeyPair.read(priv, pub));
    }
}
