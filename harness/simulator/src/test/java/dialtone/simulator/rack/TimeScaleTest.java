package dialtone.simulator.rack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dialtone.model.Mac;
import dialtone.model.profile.FirmwareVersion;
import dialtone.model.rack.AdbAddress;
import dialtone.model.rack.Rack;
import dialtone.model.rack.TimeScale;
import dialtone.simulator.phone.PhoneState;
import dialtone.simulator.phone.SimulatorTiming;
import dialtone.simulator.phone.VirtualPhone;
import io.appium.java_client.AppiumBy;
import io.appium.java_client.android.AndroidDriver;
import io.appium.java_client.android.options.UiAutomator2Options;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The rack's time scale multiplies every device-side duration of the phone's firmware line: the
 * order of events and their relative timing are the same at any scale. Measured from the phone's
 * screen changes (state change times), with a tolerance; never as a performance bound.
 */
class TimeScaleTest {

    @Test
    void bootAndProvisioningKeepTheirRatioAtTwoScales() throws Exception {
        Measured slow = measure(new TimeScale(0.05));
        Measured fast = measure(new TimeScale(0.02));
        // each takes at least what the line says, scaled (a lower bound is correctness, not speed)
        assertThat(slow.boot).isGreaterThanOrEqualTo(slow.timing.boot());
        assertThat(fast.boot).isGreaterThanOrEqualTo(fast.timing.boot());
        assertThat(fast.provisioning).isGreaterThanOrEqualTo(fast.timing.provisioning());
        assertThat(slow.timing.boot().toMillis() * 2 / 5).isEqualTo(fast.timing.boot().toMillis());
        double slowRatio = (double) slow.boot.toMillis() / slow.provisioning.toMillis();
        double fastRatio = (double) fast.boot.toMillis() / fast.provisioning.toMillis();
        assertThat(fastRatio).as("boot/provisioning at 0.02 vs 0.05 (line: 60 s / 6 s)").isCloseTo(slowRatio, org.assertj.core.data.Percentage.withPercentage(30));
        assertThat(slowRatio).isCloseTo(10.0, org.assertj.core.data.Percentage.withPercentage(30));
    }

    @Test
    void anUnknownFirmwareFailsAtRackStartListingTheKnownLines() throws Exception {
        Rack rack = rack("poly-trio-c60", "9.0.0.10315");
        assertThatThrownBy(() -> VirtualRack.start(rack, "http://127.0.0.1:1", TimeScale.DEFAULT))
                .hasMessageContaining("cannot start virtual phone t-1: firmware 9.0.0.10315 of poly-trio-c60 is not in the simulator's firmware catalogue")
                .hasMessageContaining("known lines: 7.x from 7.0.2.1071, 8.x from 8.1.6.1005");
    }

    private record Measured(SimulatorTiming timing, Duration boot, Duration provisioning) {}

    /** A CCX 600 on 7.x with the backend away: a reboot, then a code that fails after the provisioning time. */
    private static Measured measure(TimeScale scale) throws Exception {
        String nowhere;
        try (ServerSocket s = new ServerSocket(0)) {
            nowhere = "http://127.0.0.1:" + s.getLocalPort();
        }
        try (VirtualRack vr = VirtualRack.start(rack("poly-ccx600", "7.2.1.1707"), nowhere, scale)) {
            VirtualPhone phone = vr.phones().get(0);
            await().atMost(Duration.ofSeconds(30)).until(() -> phone.state() == PhoneState.SIGN_IN);
            Instant down = Instant.now();
            new Thread(phone::reboot).start();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(2)).until(() -> phone.state() == PhoneState.BOOTING);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(2)).until(() -> phone.state() == PhoneState.SIGN_IN);
            Duration boot = Duration.between(down, Instant.now());
            AndroidDriver driver = new AndroidDriver(new URL(vr.appiumUrl()), new UiAutomator2Options().setUdid(phone.udid()));
            try {
                String pkg = "com.microsoft.skype.teams.ipphone:id/";
                driver.findElement(AppiumBy.accessibilityId("Settings")).click();
                driver.findElement(AppiumBy.id(pkg + "provision_phone")).click();
                driver.findElement(AppiumBy.id(pkg + "verification_code")).sendKeys("123456");
                Instant submitted = Instant.now();
                driver.findElement(AppiumBy.id(pkg + "next_button")).click();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(2)).until(() -> phone.state() == PhoneState.PROVISIONING_FAILED);
                // the device time it played: two boots and the (refused) provisioning, counted before the state changed
                assertThat(phone.deviceTime()).isEqualTo(phone.timing().boot().multipliedBy(2).plus(phone.timing().provisioning()));
                return new Measured(phone.timing(), boot, Duration.between(submitted, Instant.now()));
            } finally {
                driver.quit();
            }
        }
    }

    private static Rack rack(String profile, String firmware) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Rack.Device d = new Rack.Device("t-1", profile, new AdbAddress("127.0.0.1", port), Optional.of(Mac.parse("64:16:7F:60:30:01")),
                Optional.of(FirmwareVersion.parse(firmware)), dialtone.model.rack.Power.VIRTUAL);
        return new Rack(Path.of("t.yaml"), "t", new Rack.Backend(Optional.empty(), "contoso", Optional.empty(), Optional.empty()),
                new Rack.Appium(Optional.empty()), List.of(d), List.of());
    }
}
