package dialtone.simulator.phone;

import static org.awaitility.Awaitility.await;

import dialtone.model.Mac;
import dialtone.model.profile.DeviceProfile;
import dialtone.model.profile.DeviceProfiles;
import dialtone.model.profile.FirmwareVersion;
import dialtone.model.profile.Locator;
import dialtone.model.profile.PhoneScreen;
import dialtone.model.rack.AdbAddress;
import dialtone.model.rack.Rack;
import dialtone.model.rack.TimeScale;
import dialtone.simulator.rack.VirtualRack;
import io.appium.java_client.AppiumBy;
import io.appium.java_client.android.AndroidDriver;
import io.appium.java_client.android.options.UiAutomator2Options;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/**
 * One virtual phone of a given model and firmware on a bench: the embedded backend, a one-phone
 * virtual rack, and an AndroidDriver session that finds elements through the model's device
 * profile (so these tests also prove the profile against the phone's firmware line).
 */
final class PhoneBench implements AutoCloseable {
    static final TimeScale FAST = new TimeScale(0.002);
    private static final DeviceProfiles PROFILES = DeviceProfiles.loadDirectory(Path.of("../../device-profiles"));
    private static final Duration BUDGET = Duration.ofSeconds(15);

    final EmbeddedBackend backend;
    final VirtualRack rack;
    final VirtualPhone phone;
    final DeviceProfile profile;
    private AndroidDriver driver;

    PhoneBench(String profileId, String firmware, String mac, TimeScale scale, Duration capPasswordExpiresIn) throws Exception {
        backend = EmbeddedBackend.start(capPasswordExpiresIn);
        profile = PROFILES.get(profileId);
        Rack.Device device = new Rack.Device("bench-1", profileId, new AdbAddress("127.0.0.1", freePort()), Optional.of(Mac.parse(mac)),
                Optional.of(FirmwareVersion.parse(firmware)), dialtone.model.rack.Power.VIRTUAL);
        Rack r = new Rack(Path.of("bench.yaml"), "bench", new Rack.Backend(Optional.empty(), EmbeddedBackend.TENANT,
                Optional.of(EmbeddedBackend.ORGANIZATION), Optional.empty()), new Rack.Appium(Optional.empty()), List.of(device), List.of());
        rack = VirtualRack.start(r, backend.url(), scale);
        phone = rack.phones().get(0);
        awaitState(PhoneState.SIGN_IN);
    }

    AndroidDriver driver() throws Exception {
        if (driver == null) {
            driver = new AndroidDriver(new URL(rack.appiumUrl()), new UiAutomator2Options().setUdid(phone.udid()));
        }
        return driver;
    }

    /** A reboot ends Appium sessions, as on a real phone: the next call opens a new one. */
    void sessionEnded() {
        driver = null;
    }

    Mac mac() {
        return phone.mac();
    }

    By by(PhoneScreen screen, String element) {
        return by(profile.locator(screen, element));
    }

    static By by(Locator l) {
        return switch (l.strategy()) {
            case ID -> AppiumBy.id(l.value());
            case ACCESSIBILITY -> AppiumBy.accessibilityId(l.value());
            case XPATH -> AppiumBy.xpath(l.value());
            case UIAUTOMATOR -> AppiumBy.androidUIAutomator(l.value());
        };
    }

    /** Waits for the profile's element to show and returns it. */
    WebElement element(PhoneScreen screen, String element) throws Exception {
        AndroidDriver d = driver();
        By by = by(screen, element);
        AtomicReference<WebElement> found = new AtomicReference<>();
        await(profile.id() + " " + screen.key() + "." + element).atMost(BUDGET).pollInterval(Duration.ofMillis(20))
                .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                .until(() -> {
                    List<WebElement> all = d.findElements(by);
                    if (all.isEmpty()) return false;
                    found.set(all.get(0));
                    return true;
                });
        return found.get();
    }

    boolean showing(PhoneScreen screen, String element) throws Exception {
        return !driver().findElements(by(screen, element)).isEmpty();
    }

    /** The text of an element once it shows, retried while the screen changes under it. */
    String text(PhoneScreen screen, String element) throws Exception {
        AtomicReference<String> text = new AtomicReference<>();
        await().atMost(BUDGET).ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                .until(() -> {
                    text.set(element(screen, element).getText());
                    return true;
                });
        return text.get();
    }

    void tap(PhoneScreen screen, String element) throws Exception {
        await().atMost(BUDGET).ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                .until(() -> {
                    element(screen, element).click();
                    return true;
                });
    }

    void awaitState(PhoneState state) {
        await(phone.id() + " on " + state).atMost(BUDGET).pollInterval(Duration.ofMillis(10)).until(phone::state, s -> s == state);
    }

    /** The technician: gear, Provision phone/device, the code on the dial pad, Next. */
    void enterVerificationCode(String code) throws Exception {
        if (phone.state() != PhoneState.PROVISION_CODE) {
            tap(PhoneScreen.SIGN_IN, "settingsButton");
            tap(PhoneScreen.SETTINGS, "provisionPhone");
        }
        for (char c : code.toCharArray()) {
            By key = by(profile.locator(PhoneScreen.PROVISION_CODE, "dialPadKey").with("digit", Character.toString(c)));
            await().atMost(BUDGET).ignoreExceptionsMatching(e -> e instanceof StaleElementReferenceException || e instanceof NoSuchElementException)
                    .until(() -> {
                        driver().findElement(key).click();
                        return true;
                    });
        }
        tap(PhoneScreen.PROVISION_CODE, "nextButton");
    }

    /** The phone's logcat messages so far. */
    List<String> logcat() {
        return phone.logcat.after(0).stream().map(l -> l.tag() + ": " + l.message()).toList();
    }

    /** The phone's logcat lines so far. */
    List<Logcat.Line> logcatLines() {
        return phone.logcat.after(0);
    }

    @Override
    public void close() {
        if (driver != null) {
            try {
                driver.quit();
            } catch (RuntimeException ignored) {
                // the session may have ended with a reboot
            }
        }
        rack.close();
        backend.close();
    }

    static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
