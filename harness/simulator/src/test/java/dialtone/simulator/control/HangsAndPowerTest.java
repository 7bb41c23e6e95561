package dialtone.simulator.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dadb.AdbKeyPair;
import dadb.Dadb;
import dialtone.simulator.phone.PhoneState;
import dialtone.simulator.phone.Technician;
import dialtone.simulator.phone.VirtualPhone;
import dialtone.simulator.rack.LiveRack;
import io.appium.java_client.android.AndroidDriver;
import io.appium.java_client.android.options.UiAutomator2Options;
import java.io.File;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.SessionNotCreatedException;

/**
 * The hangs each rung of the recovery ladder clears, and the power endpoint, seen through the real
 * clients: what clears each hang and what does not.
 */
class HangsAndPowerTest {
    private static final String TEAMS = "com.microsoft.skype.teams.ipphone";
    private static final String START_TEAMS = "am start -n " + TEAMS + "/com.microsoft.skype.teams.views.activities.SplashActivity";

    @TempDir
    static Path keys;

    private LiveRack live;
    private VirtualPhone phone;

    @BeforeEach
    void start() {
        live = LiveRack.start(Duration.ofSeconds(60));
        live.awaitBooted();
        phone = live.phone("ccx600-1");
    }

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void aHungTeamsAppShowsAndroidsDialogUntilForceStoppedAndStarted() throws Exception {
        inject("{\"type\":\"teamsAppHung\"}");
        assertThat(pageSource()).contains("Teams isn't responding").doesNotContain("package=\"" + TEAMS + "\"");
        shell(START_TEAMS);
        assertThat(pageSource()).as("starting a hung app does not help").contains("Teams isn't responding");
        shell("am force-stop " + TEAMS);
        assertThat(pageSource()).as("stopped: the launcher").contains("com.android.launcher3").doesNotContain("isn't responding");
        shell(START_TEAMS);
        assertThat(pageSource()).contains("package=\"" + TEAMS + "\"");
        assertThat(faults()).isEqualTo("[]");
        assertThat(Technician.logcat(phone)).contains("fault injected: teamsAppHung").contains("fault cleared: teamsAppHung");
    }

    @Test
    void aHungSystemSurvivesAnAppRestartButNotAReboot() throws Exception {
        inject("{\"type\":\"systemHung\"}");
        shell("am force-stop " + TEAMS);
        shell(START_TEAMS);
        assertThat(pageSource()).contains("Process system isn't responding");
        assertThat(faults()).isEqualTo("[\"systemHung\"]");
        inject("{\"type\":\"reboot\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> phone.state() == PhoneState.SIGN_IN);
        assertThat(pageSource()).doesNotContain("isn't responding");
        assertThat(faults()).isEqualTo("[]");
    }

    @Test
    void aWedgedPhoneAnswersNeitherAdbNorAppiumUntilAPowerCycle() throws Exception {
        inject("{\"type\":\"wedged\"}");
        assertThatThrownBy(() -> shell("echo up")).as("adb").isInstanceOf(Exception.class);
        assertThatThrownBy(this::pageSource).isInstanceOf(SessionNotCreatedException.class).hasMessageContaining("does not answer");
        power("off");
        power("on");
        await().atMost(Duration.ofSeconds(10)).until(() -> phone.state() == PhoneState.SIGN_IN);
        assertThat(shell("echo up")).isEqualTo("up\n");
        assertThat(faults()).isEqualTo("[]");
    }

    @Test
    void corruptedProvisioningSurvivesRebootAndPowerCycleAndOnlyAFactoryResetClearsIt() throws Exception {
        inject("{\"type\":\"provisioningCorrupted\"}");
        assertThat(pageSource()).contains("Teams keeps stopping");
        inject("{\"type\":\"reboot\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> phone.state() == PhoneState.SIGN_IN);
        power("off");
        power("on");
        await().atMost(Duration.ofSeconds(10)).until(() -> phone.state() == PhoneState.SIGN_IN);
        assertThat(pageSource()).contains("Teams keeps stopping");
        shell("am broadcast -a android.intent.action.MASTER_CLEAR -p android");
        await().atMost(Duration.ofSeconds(10)).until(() -> faults().equals("[]") && phone.state() == PhoneState.SIGN_IN);
        assertThat(pageSource()).doesNotContain("keeps stopping").contains("package=\"" + TEAMS + "\"");
    }

    @Test
    void powerOffStopsAdbAndAppiumAndPowerOnColdBoots() throws Exception {
        String bootBefore = shell("cat /proc/sys/kernel/random/boot_id");
        LiveRack.Reply off = power("off");
        assertThat(off.json().path("state").asText()).isEqualTo("off");
        assertThat(off.json().path("phone").asText()).isEqualTo("POWERED_OFF");
        assertThat(power("off").json().path("state").asText()).as("off again changes nothing").isEqualTo("off");
        assertThat(live.control("GET", "/sim/v1/devices/ccx600-1/power", null).json().path("state").asText()).isEqualTo("off");
        assertThatThrownBy(() -> shell("echo up")).isInstanceOf(Exception.class);
        assertThatThrownBy(this::pageSource).isInstanceOf(SessionNotCreatedException.class);

        assertThat(power("on").json().path("state").asText()).isEqualTo("on");
        await().atMost(Duration.ofSeconds(10)).until(() -> phone.state() == PhoneState.SIGN_IN);
        assertThat(shell("cat /proc/sys/kernel/random/boot_id")).isNotEqualTo(bootBefore);
        assertThat(live.phone("ccx500-1").state()).as("other phones untouched").isEqualTo(PhoneState.SIGN_IN);
    }

    @Test
    void badPowerRequestsAreRefusedNamingTheField() {
        Map<String, String> refused = Map.of(
                "{\"state\":", "the body is not JSON",
                "[\"off\"]", "must be a JSON object",
                "{}", "missing field 'state' (\"on\" or \"off\")",
                "{\"state\":\"sideways\"}", "field 'state' must be \"on\" or \"off\", found \"sideways\"",
                "{\"state\":\"off\",\"seconds\":3}", "unknown field 'seconds' (power takes only 'state')");
        refused.forEach((body, message) -> {
            LiveRack.Reply r = live.control("POST", "/sim/v1/devices/ccx600-1/power", body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.json().path("message").asText()).as(body).contains(message);
        });
        assertThat(phone.state()).isEqualTo(PhoneState.SIGN_IN);
        assertThat(live.control("POST", "/sim/v1/devices/ccx900-1/power", "{\"state\":\"off\"}").status()).isEqualTo(404);
        LiveRack.Reply hangWithField = live.control("POST", "/sim/v1/devices/ccx600-1/faults", "{\"type\":\"wedged\",\"seconds\":5}");
        assertThat(hangWithField.status()).isEqualTo(400);
        assertThat(hangWithField.json().path("message").asText()).isEqualTo("unknown field 'seconds' for wedged (it takes none)");
    }

    private LiveRack.Reply power(String state) {
        LiveRack.Reply r = live.control("POST", "/sim/v1/devices/ccx600-1/power", "{\"state\":\"" + state + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    private void inject(String fault) {
        assertThat(live.control("POST", "/sim/v1/devices/ccx600-1/faults", fault).status()).isEqualTo(200);
    }

    private String faults() {
        StringBuilder types = new StringBuilder("[");
        live.control("GET", "/sim/v1/devices/ccx600-1/faults", null).json().path("faults")
                .forEach(f -> types.append(types.length() > 1 ? "," : "").append('"').append(f.path("type").asText()).append('"'));
        return types.append(']').toString();
    }

    /** A new session each time, as a recovering harness would make one. */
    private String pageSource() throws Exception {
        AndroidDriver driver = new AndroidDriver(new URL(live.rack.appiumUrl()), new UiAutomator2Options().setUdid(phone.udid()));
        try {
            return driver.getPageSource();
        } finally {
            driver.quit();
        }
    }

    private String shell(String command) throws Exception {
        File priv = keys.resolve("adbkey").toFile();
        File pub = keys.resolve("adbkey.pub").toFile();
        if (!priv.exists()) AdbKeyPair.generate(priv, pub);
        try (Dadb adb = Dadb.create(phone.adbAddress().host(), phone.adbAddress().port(), AdbKeyPair.read(priv, pub))) {
            return adb.shell(command).getOutput();
        }
    }
}
