package dialtone.simulator.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dadb.AdbKeyPair;
import dadb.Dadb;
import dialtone.simulator.phone.PhoneState;
import dialtone.simulator.phone.Technician;
import dialtone.simulator.phone.VirtualPhone;
import dialtone.simulator.rack.LiveRack;
import io.appium.java_client.AppiumBy;
import io.appium.java_client.android.AndroidDriver;
import io.appium.java_client.android.options.UiAutomator2Options;
import java.io.File;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.NoSuchSessionException;
import org.openqa.selenium.TimeoutException;

/**
 * Every fault through the control API ({@code /sim/v1/devices/{id}/faults}), its effect seen with the
 * real clients (dadb, AndroidDriver) or the backend, and the requests the API refuses.
 */
class FaultInjectionTest {
    @TempDir
    static Path keys;

    private LiveRack live;
    private VirtualPhone ccx600;

    @BeforeEach
    void start() {
        live = LiveRack.start(Duration.ofSeconds(60));
        live.awaitBooted();
        ccx600 = live.phone("ccx600-1");
    }

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void theDevicesAreListedWithTheirAddressesAndState() {
        LiveRack.Reply r = live.control("GET", "/sim/v1/devices", null);
        assertThat(r.status()).isEqualTo(200);
        JsonNode devices = r.json().path("devices");
        assertThat(devices).hasSize(3);
        JsonNode d = devices.get(1);
        assertThat(d.path("id").asText()).isEqualTo("ccx600-1");
        assertThat(d.path("udid").asText()).isEqualTo(ccx600.udid());
        assertThat(d.path("adb").asText()).isEqualTo(ccx600.adbAddress().serial());
        assertThat(d.path("mac").asText()).isEqualTo("64:16:7F:60:00:01");
        assertThat(d.path("model").asText()).isEqualTo("CCX600");
        assertThat(d.path("firmware").asText()).isEqualTo("9.0.0.10315");
        assertThat(d.path("state").asText()).isEqualTo("SIGN_IN");
    }

    @Test
    void dropAdbClosesTheConnectionAndANewOneWorks() throws Exception {
        try (Dadb adb = dadb(ccx600)) {
            assertThat(adb.shell("echo up").getOutput()).isEqualTo("up\n");
            assertThat(inject("ccx600-1", "{\"type\":\"dropAdb\"}").status()).isEqualTo(200);
            assertThatThrownBy(() -> adb.shell("echo again")).as("the dropped connection").isInstanceOf(Exception.class);
        }
        try (Dadb adb = dadb(ccx600)) {
            assertThat(adb.shell("echo again").getOutput()).isEqualTo("again\n");
        }
        assertThat(Technician.logcat(ccx600)).contains("DialtoneFault: fault injected: dropAdb");
    }

    @Test
    void killAppiumSessionEndsTheSession() throws Exception {
        AndroidDriver driver = new AndroidDriver(new URL(live.rack.appiumUrl()), new UiAutomator2Options().setUdid(ccx600.udid()));
        try {
            assertThat(driver.getPageSource()).contains("hierarchy");
            assertThat(inject("ccx600-1", "{\"type\":\"killAppiumSession\"}").status()).isEqualTo(200);
            assertThatThrownBy(driver::getPageSource).isInstanceOf(NoSuchSessionException.class);
        } finally {
            try { driver.quit(); } catch (RuntimeException alreadyGone) { /* the session was killed */ }
        }
        AndroidDriver again = new AndroidDriver(new URL(live.rack.appiumUrl()), new UiAutomator2Options().setUdid(ccx600.udid()));
        try {
            assertThat(again.getPageSource()).as("a new session works").contains("hierarchy");
        } finally {
            again.quit();
        }
    }

    @Test
    void freezeUiKeepsTheUiFromAnsweringUntilItExpiresOrIsCleared() throws Exception {
        assertThat(ccx600.awaitUiResponsive(Duration.ofMillis(10))).isTrue();
        LiveRack.Reply r = inject("ccx600-1", "{\"type\":\"freezeUi\",\"seconds\":30}");
        assertThat(r.status()).isEqualTo(200);
        JsonNode fault = r.json().path("faults").get(0);
        assertThat(fault.path("type").asText()).isEqualTo("freezeUi");
        assertThat(Instant.parse(fault.path("expires").asText())).isBetween(Instant.now().plusSeconds(25), Instant.now().plusSeconds(31));
        assertThat(ccx600.awaitUiResponsive(Duration.ofMillis(200))).as("frozen").isFalse();
        assertThat(live.control("DELETE", "/sim/v1/devices/ccx600-1/faults/freezeUi", null).json().path("faults")).isEmpty();
        assertThat(ccx600.awaitUiResponsive(Duration.ofMillis(10))).as("answers again").isTrue();

        inject("ccx600-1", "{\"type\":\"freezeUi\",\"seconds\":1}");
        assertThat(ccx600.awaitUiResponsive(Duration.ofSeconds(10))).as("thawed when the second passed").isTrue();
    }

    @Test
    void aFrozenUiAnswersAppiumFindsWithTimeoutAndWorksAgainWhenCleared() throws Exception {
        AndroidDriver driver = new AndroidDriver(new URL(live.rack.appiumUrl()), new UiAutomator2Options().setUdid(ccx600.udid())
                .amend("appium:uiautomator2ServerReadTimeout", 300));
        try {
            assertThat(driver.findElements(AppiumBy.accessibilityId("Settings"))).hasSize(1);
            inject("ccx600-1", "{\"type\":\"freezeUi\",\"seconds\":60}");
            assertThatThrownBy(() -> driver.findElement(AppiumBy.accessibilityId("Settings")))
                    .isInstanceOf(TimeoutException.class).hasMessageContaining("did not answer within 300 ms");
            live.control("DELETE", "/sim/v1/devices/ccx600-1/faults/freezeUi", null);
            assertThat(driver.findElements(AppiumBy.accessibilityId("Settings"))).as("answers again").hasSize(1);
        } finally {
            driver.quit();
        }
    }

    @Test
    void rebootBootsAgainWithANewBootId() throws Exception {
        String before;
        try (Dadb adb = dadb(ccx600)) {
            before = adb.shell("cat /proc/sys/kernel/random/boot_id").getOutput();
        }
        inject("ccx600-1", "{\"type\":\"reboot\"}");
        assertThat(Technician.logcat(ccx600)).contains("fault injected: reboot").contains("SIGN_IN -> BOOTING");
        await().atMost(Duration.ofSeconds(10)).until(() -> ccx600.state() == PhoneState.SIGN_IN);
        try (Dadb adb = dadb(ccx600)) {
            assertThat(adb.shell("cat /proc/sys/kernel/random/boot_id").getOutput()).isNotEqualTo(before);
        }
    }

    @Test
    void cutBackendMakesProvisioningFailAsANetworkErrorUntilCleared() {
        live.backend.addDevice(ccx600.mac());
        String code = live.backend.verificationCode(ccx600.mac());
        LiveRack.Reply r = inject("ccx600-1", "{\"type\":\"cutBackend\"}");
        assertThat(r.json().path("faults").get(0).path("type").asText()).isEqualTo("cutBackend");
        assertThat(r.json().path("faults").get(0).path("expires").isNull()).as("until cleared").isTrue();
        Technician.enterVerificationCode(ccx600, code);
        await().atMost(Duration.ofSeconds(10)).until(() -> ccx600.state() == PhoneState.PROVISIONING_FAILED);

        live.control("DELETE", "/sim/v1/devices/ccx600-1/faults", null);
        Technician.retryVerificationCode(ccx600, code);
        await().atMost(Duration.ofSeconds(10)).until(() -> "Contoso Ltd".equals(Technician.organizationShown(ccx600)));
    }

    @Test
    void slowBootAppliesToTheFollowingBootsUntilCleared() {
        inject("ccx600-1", "{\"type\":\"slowBoot\",\"factor\":20}");
        assertThat(live.control("GET", "/sim/v1/devices/ccx600-1/faults", null).json().path("faults").get(0).path("factor").asDouble())
                .isEqualTo(20.0);
        assertThat(ccx600.state()).as("the running boot is not touched").isEqualTo(PhoneState.SIGN_IN);
        inject("ccx600-1", "{\"type\":\"reboot\"}");
        // the scaled boot is 0.6 s; twenty times that keeps the phone booting for 12 s
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> ccx600.state() == PhoneState.BOOTING);
        live.control("DELETE", "/sim/v1/devices/ccx600-1/faults/slowBoot", null);
        await().atMost(Duration.ofSeconds(20)).until(() -> ccx600.state() == PhoneState.SIGN_IN);
        inject("ccx600-1", "{\"type\":\"reboot\"}");
        await().atMost(Duration.ofSeconds(5)).until(() -> ccx600.state() == PhoneState.SIGN_IN);
    }

    @Test
    void orgNameMissingHidesTheOrganizationTheBackendBound() {
        live.provision(ccx600);
        assertThat(Technician.organizationShown(ccx600)).isEqualTo("Contoso Ltd");
        inject("ccx600-1", "{\"type\":\"defect\",\"name\":\"orgNameMissing\"}");
        assertThat(Technician.organizationShown(ccx600)).isNull();
        assertThat(live.control("GET", "/sim/v1/devices/ccx600-1/faults", null).json().path("faults").get(0).path("name").asText())
                .isEqualTo("orgNameMissing");
        live.control("DELETE", "/sim/v1/devices/ccx600-1/faults/orgNameMissing", null);
        assertThat(Technician.organizationShown(ccx600)).isEqualTo("Contoso Ltd");
    }

    @Test
    void signInNeverCompletesLeavesThePhoneOnTheSigningInScreens() {
        live.provision(ccx600);
        inject("ccx600-1", "{\"type\":\"defect\",\"name\":\"signInNeverCompletes\"}");
        live.approveRemoteSignIn(ccx600);
        await().atMost(Duration.ofSeconds(10)).until(() -> ccx600.state() == PhoneState.SIGNING_IN);
        // the scaled signing-in screens last 0.1 s: the defect keeps the phone there
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> ccx600.state() == PhoneState.SIGNING_IN);
    }

    @Test
    void provisioningHangsStaysOnProvisioningThoughTheBackendBoundThePhone() {
        live.backend.addDevice(ccx600.mac());
        String code = live.backend.verificationCode(ccx600.mac());
        inject("ccx600-1", "{\"type\":\"defect\",\"name\":\"provisioningHangs\"}");
        Technician.enterVerificationCode(ccx600, code);
        await().atMost(Duration.ofSeconds(10)).until(() -> !live.backend.inventory().path("value").isEmpty());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> ccx600.state() == PhoneState.PROVISIONING);
    }

    @Test
    void faultsAreListedClearedOneByOneOrAllAtOnce() {
        inject("trio-c60-1", "{\"type\":\"cutBackend\",\"seconds\":600}");
        inject("trio-c60-1", "{\"type\":\"slowBoot\",\"factor\":2.5}");
        inject("trio-c60-1", "{\"type\":\"defect\",\"name\":\"orgNameMissing\"}");
        inject("trio-c60-1", "{\"type\":\"defect\",\"name\":\"signInNeverCompletes\"}");
        JsonNode faults = live.control("GET", "/sim/v1/devices/trio-c60-1/faults", null).json().path("faults");
        assertThat(faults).extracting(f -> f.path("type").asText()).containsExactly("cutBackend", "slowBoot", "defect", "defect");
        assertThat(faults.get(0).path("expires").asText()).isNotEmpty();
        assertThat(live.control("GET", "/sim/v1/devices/ccx600-1/faults", null).json().path("faults")).as("other phones").isEmpty();

        JsonNode left = live.control("DELETE", "/sim/v1/devices/trio-c60-1/faults/defect", null).json().path("faults");
        assertThat(left).extracting(f -> f.path("type").asText()).containsExactly("cutBackend", "slowBoot");
        assertThat(live.control("DELETE", "/sim/v1/devices/trio-c60-1/faults", null).json().path("faults")).isEmpty();
    }

    @Test
    void badRequestsAreRefusedNamingTheProblemAndChangeNothing() {
        Map<String, String> refused = Map.of(
                "{\"type\":", "the body is not JSON",
                "[1]", "must be a JSON object",
                "{}", "missing field 'type'",
                "{\"type\":\"meltdown\"}", "unknown fault type 'meltdown' (known: dropAdb, killAppiumSession, freezeUi, reboot, cutBackend, slowBoot, defect, teamsAppHung, systemHung, wedged, provisioningCorrupted)",
                "{\"type\":\"freezeUi\"}", "missing field 'seconds' for freezeUi",
                "{\"type\":\"freezeUi\",\"seconds\":0}", "field 'seconds' of freezeUi must be a whole number from 1 to 3600, found 0",
                "{\"type\":\"cutBackend\",\"seconds\":1.5}", "field 'seconds' of cutBackend must be a whole number",
                "{\"type\":\"slowBoot\",\"factor\":0.5}", "field 'factor' of slowBoot must be a number from 1 to 100, found 0.5",
                "{\"type\":\"defect\",\"name\":\"sluggish\"}", "unknown defect 'sluggish' (known: orgNameMissing, signInNeverCompletes, provisioningHangs, wrongDeviceLoginCode)",
                "{\"type\":\"dropAdb\",\"seconds\":5}", "unknown field 'seconds' for dropAdb (it takes none)");
        refused.forEach((body, message) -> {
            LiveRack.Reply r = inject("ccx600-1", body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.json().path("message").asText()).as(body).contains(message);
        });
        assertThat(live.control("GET", "/sim/v1/devices/ccx600-1/faults", null).json().path("faults")).isEmpty();
        assertThat(Technician.logcat(ccx600)).doesNotContain("fault injected");
        assertThat(ccx600.state()).isEqualTo(PhoneState.SIGN_IN);

        LiveRack.Reply unknown = inject("ccx900-1", "{\"type\":\"reboot\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("message").asText()).isEqualTo("no virtual phone 'ccx900-1' (known: ccx500-1, ccx600-1, trio-c60-1)");
        LiveRack.Reply badType = live.control("DELETE", "/sim/v1/devices/ccx600-1/faults/meltdown", null);
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.json().path("message").asText()).startsWith("unknown fault type 'meltdown' (known: freezeUi, cutBackend, slowBoot, defect, orgNameMissing");
    }

    private LiveRack.Reply inject(String device, String json) {
        return live.control("POST", "/sim/v1/devices/" + device + "/faults", json);
    }

    private static Dadb dadb(VirtualPhone phone) throws Exception {
        File priv = keys.resolve("adbkey").toFile();
        File pub = keys.resolve("adbkey.pub").toFile();
        if (!priv.exists()) AdbKeyPair.generate(priv, pub);
        return Dadb.create(phone.adbAddress().host(), phone.adbAddress().port(), AdbKeyPair.read(priv, pub));
    }
}
