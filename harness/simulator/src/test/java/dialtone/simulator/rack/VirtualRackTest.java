package dialtone.simulator.rack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dadb.AdbKeyPair;
import dadb.AdbShellResponse;
import dadb.Dadb;
import dialtone.model.rack.AdbAddress;
import dialtone.model.rack.Rack;
import dialtone.model.rack.Racks;
import dialtone.simulator.phone.PhoneState;
import dialtone.model.rack.TimeScale;
import dialtone.simulator.phone.VirtualPhone;
import io.appium.java_client.AppiumBy;
import io.appium.java_client.android.AndroidDriver;
import io.appium.java_client.android.options.UiAutomator2Options;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.OutputType;

/**
 * The virtual rack on its own (no backend reachable): phones boot, answer ADB like Android, show
 * the Teams screens over Appium, and a factory reset reboots them.
 */
class VirtualRackTest {
    @TempDir
    static Path keys;

    private VirtualRack rack;

    @BeforeEach
    void start() throws Exception {
        String nowhere;
        try (ServerSocket s = new ServerSocket(0)) {
            nowhere = "http://127.0.0.1:" + s.getLocalPort(); // closed again: the backend is away
        }
        Rack shipped = Racks.load(Path.of("../../racks/virtual.yaml"));
        // same phones, free loopback ports: never collide with a `dialtone sim` left running
        List<Rack.Device> devices = new ArrayList<>();
        for (Rack.Device d : shipped.devices()) {
            devices.add(new Rack.Device(d.id(), d.profile(), new AdbAddress("127.0.0.1", freePort()), d.mac(), d.firmware(), d.power()));
        }
        Rack virtual = new Rack(shipped.source(), shipped.name(), shipped.backend(), shipped.appium(), devices, shipped.accounts());
        rack = VirtualRack.start(virtual, nowhere, new TimeScale(0.01));
        await().atMost(Duration.ofSeconds(10)).until(rack::booted);
    }

    @AfterEach
    void stop() {
        rack.close();
    }

    @Test
    void phonesAnswerAdbLikeAndroid() throws Exception {
        VirtualPhone ccx600 = phone("ccx600-1");
        try (Dadb adb = dadb(ccx600)) {
            assertThat(adb.shell("getprop ro.product.model").getOutput().strip()).isEqualTo("CCX600");
            assertThat(adb.shell("getprop ro.build.version.incremental").getOutput().strip()).isEqualTo("9.0.0.10315");
            assertThat(adb.shell("getprop ro.build.version.release").getOutput().strip()).isEqualTo("12");
            assertThat(adb.shell("cat /sys/class/net/eth0/address").getOutput().strip()).isEqualTo("64:16:7f:60:00:01");
            assertThat(adb.shell("pm list packages").getOutput()).contains("package:com.microsoft.skype.teams.ipphone");
            AdbShellResponse unknown = adb.shell("frobnicate --now");
            assertThat(unknown.getExitCode()).isEqualTo(127);
            assertThat(unknown.getErrorOutput()).isEqualTo("/system/bin/sh: frobnicate: not found\n");
        }
    }

    @Test
    void aFactoryResetDropsAdbAndBootsAgainWithANewBootId() throws Exception {
        VirtualPhone trio = phone("trio-c60-1");
        String before;
        try (Dadb adb = dadb(trio)) {
            before = adb.shell("cat /proc/sys/kernel/random/boot_id").getOutput().strip();
            assertThat(adb.shell("am broadcast -a android.intent.action.MASTER_CLEAR -p android").getOutput())
                    .contains("Broadcast completed: result=0");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> trio.state() == PhoneState.BOOTING);
        await().atMost(Duration.ofSeconds(10)).until(() -> trio.state() == PhoneState.SIGN_IN);
        try (Dadb adb = dadb(trio)) {
            assertThat(adb.shell("cat /proc/sys/kernel/random/boot_id").getOutput().strip()).isNotEqualTo(before);
        }
    }

    @Test
    void theTechnicianReachesTheDialPadAndTypesACode() throws Exception {
        VirtualPhone ccx500 = phone("ccx500-1");
        AndroidDriver driver = new AndroidDriver(new URL(rack.appiumUrl()), new UiAutomator2Options().setUdid(ccx500.udid()));
        try {
            String pkg = "com.microsoft.skype.teams.ipphone:id/";
            assertThat(driver.findElements(AppiumBy.id(pkg + "org_name"))).as("no org name before provisioning").isEmpty();
            driver.findElement(AppiumBy.accessibilityId("Settings")).click();
            driver.findElement(AppiumBy.xpath("//*[@resource-id='" + pkg + "settings_list']//*[@text='Provision phone']")).click();
            for (char d : "697150".toCharArray()) {
                driver.findElement(AppiumBy.id(pkg + "dial_pad_key_" + d)).click();
            }
            assertThat(driver.findElement(AppiumBy.id(pkg + "verification_code")).getText()).isEqualTo("697150");
            BufferedImage shot = ImageIO.read(new ByteArrayInputStream(driver.getScreenshotAs(OutputType.BYTES)));
            assertThat(shot.getWidth()).isEqualTo(1280);
            assertThat(shot.getHeight()).isEqualTo(720);
            driver.findElement(AppiumBy.id(pkg + "next_button")).click();
            // the backend is unreachable: the phone says so instead of hanging
            await().atMost(Duration.ofSeconds(10)).until(() -> ccx500.state() == PhoneState.PROVISIONING_FAILED);
            assertThat(driver.findElement(AppiumBy.id(pkg + "provisioning_error_message")).getText()).contains("Can't reach the provisioning service");
        } finally {
            driver.quit();
        }
    }

    @Test
    void firmwareNineSaysProvisionDevice() throws Exception {
        VirtualPhone ccx600 = phone("ccx600-1");
        AndroidDriver driver = new AndroidDriver(new URL(rack.appiumUrl()), new UiAutomator2Options().setUdid(ccx600.udid()));
        try {
            driver.findElement(AppiumBy.accessibilityId("Settings")).click();
            assertThat(driver.findElement(AppiumBy.id("com.microsoft.skype.teams.ipphone:id/provision_device")).getText()).isEqualTo("Provision device");
            assertThat(driver.findElements(AppiumBy.id("com.microsoft.skype.teams.ipphone:id/settings_recycler_view"))).as("9.x lists its settings").hasSize(1);
        } finally {
            driver.quit();
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private VirtualPhone phone(String id) {
        return rack.phones().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    private static Dadb dadb(VirtualPhone phone) throws Exception {
        File priv = keys.resolve("adbkey").toFile();
        File pub = keys.resolve("adbkey.pub").toFile();
        if (!priv.exists()) AdbKeyPair.generate(priv, pub);
        return Dadb.create(phone.adbAddress().host(), phone.adbAddress().port(), AdbKeyPair.read(priv, pub));
    }
}
