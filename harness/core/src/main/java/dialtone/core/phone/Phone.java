package dialtone.core.phone;

import dialtone.core.failure.ProductDefect;
import dialtone.core.screen.CompanyPortalScreen;
import dialtone.core.screen.HomeScreen;
import dialtone.core.screen.PasswordExpiredScreen;
import dialtone.core.screen.SignOutConfirmScreen;
import dialtone.core.screen.LockScreen;
import dialtone.core.screen.ProvisionPhoneScreen;
import dialtone.core.screen.ProvisioningResultScreen;
import dialtone.core.screen.SettingsScreen;
import dialtone.core.screen.SignInScreen;
import dialtone.model.Mac;
import dialtone.model.profile.DeviceProfile;
import dialtone.model.profile.FirmwareVersion;
import dialtone.model.rack.Rack;
import io.appium.java_client.android.AndroidDriver;
import io.appium.java_client.android.options.UiAutomator2Options;
import java.net.URL;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SessionNotCreatedException;
import org.openqa.selenium.WebDriverException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.awaitility.Awaitility.await;

/**
 * One rack phone as a suite drives it: ADB (dadb) for reset, properties and logs, an Appium
 * session (AndroidDriver) for the screens, and the model's profile for where things are and how
 * long they take. Works the same on a real phone and a virtual one.
 */
public final class Phone implements AutoCloseable {
    private static final Pattern VERSION_NAME = Pattern.compile("(?m)^\\s*versionName=(\\S+)");
    private static final Logger log = LoggerFactory.getLogger(Phone.class);
    private static final String BOOT_ID = "cat /proc/sys/kernel/random/boot_id";

    private final Rack.Device device;
    private final DeviceProfile profile;
    private final URL appium;
    private final Adb adb;
    private AndroidDriver driver;

    public Phone(Rack.Device device, DeviceProfile profile, URL appium) {
        this.device = device;
        this.profile = profile;
        this.appium = appium;
        this.adb = new Adb(device.adb(), profile.budgets().adbConnect());
    }

    public String id() { return device.id(); }

    public Rack.Device device() { return device; }

    public DeviceProfile profile() { return profile; }

    public Adb adb() { return adb; }

    /** The MAC as the phone reports it (profile's command), canonical form. */
    public Mac mac() {
        return Mac.parse(adb.shell(profile.macAddressCommand()).strip());
    }

    /** The firmware version the phone reports in the profile's firmware property. */
    public FirmwareVersion firmware() {
        return FirmwareVersion.parse(adb.property(profile.firmware().property()));
    }

    /**
     * The Teams app's versionName as the phone reports it ({@code dumpsys package}), e.g.
     * "1449/1.0.94.2024102501"; a phone without the app is a {@link ProductDefect}.
     */
    public String teamsAppVersion() {
        String pkg = profile.teams().packageName();
        String dump = adb.shell("dumpsys package " + pkg);
        Matcher m = VERSION_NAME.matcher(dump);
        if (!m.find()) {
            throw new ProductDefect(id() + ": the Teams app " + pkg + " is not installed (dumpsys package shows no versionName)");
        }
        return m.group(1);
    }

    /**
     * The vendor capability naming the phone's model (its profile id) in every session request: a
     * Selenium Grid routes by it and {@code appium:udid} to the relay node serving the phone
     * (docs/scale-out.md); an Appium server ignores it (vendor-prefixed, so Appium 2 accepts it).
     */
    public static final String MODEL_CAPABILITY = "poly:model";

    /** The Appium session, made on first use (and again after a reboot ended the last one). */
    public synchronized AndroidDriver driver() {
        if (driver == null) {
            UiAutomator2Options options = new UiAutomator2Options()
                    .setUdid(device.adb().serial())
                    .amend(MODEL_CAPABILITY, profile.id())
                    .setNoReset(true)
                    .setNewCommandTimeout(Duration.ofMinutes(5))
                    .setAppPackage(profile.teams().packageName())
                    .setAppActivity(profile.teams().launchActivity());
            sessionBoot = bootIdIfReadable();
            try {
                driver = new AndroidDriver(appium, AppiumHttp.SHARED, options); // one HTTP client for all sessions: threads follow calls, not phones
            } catch (SessionNotCreatedException e) {
                // name what was asked of whom: behind a Selenium Grid the answer alone does not say which phone had no slot
                String reason = e.getRawMessage() == null ? "" : e.getRawMessage().lines().findFirst().orElse("");
                throw new SessionNotCreatedException(id() + ": no Appium session (appium:udid " + device.adb().serial() + ", "
                        + MODEL_CAPABILITY + " " + profile.id() + ") from " + appium + ": " + reason, e);
            }
        }
        return driver;
    }

    /** The boot id when the session was made; null when it could not be read. */
    private String sessionBoot;

    private String bootIdIfReadable() {
        try {
            return bootId();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * After the Appium server lost the session (a crashed UiAutomator2, {@code invalid session id}):
     * when the phone has not rebooted since the session was made, ends it so the next
     * {@link #driver()} makes a new one on the same screen, and returns true. A rebooted (or
     * unreadable) phone lost what the test did on it: false, the failure stands.
     */
    public synchronized boolean renewLostSession() {
        String bootNow = bootIdIfReadable();
        if (driver == null || sessionBoot == null || !sessionBoot.equals(bootNow)) return false;
        log.info("{}: the Appium session was lost without a reboot; a new one for the next call", id());
        endSession();
        return true;
    }

    /**
     * Ends the Appium session if it was made before the phone's latest boot: UiAutomator2 died with that
     * boot, so no call on it can answer again. True when it ended one; false when there is none, it is of
     * this boot, or the boot id cannot be read (still booting).
     */
    public synchronized boolean endSessionFromEarlierBoot() {
        if (driver == null || sessionBoot == null) return false;
        String bootNow = bootIdIfReadable();
        if (bootNow == null || sessionBoot.equals(bootNow)) return false;
        log.info("{}: the Appium session is from before the phone rebooted; ending it", id());
        endSession();
        return true;
    }

    /** The Appium session if one is open; never makes one (evidence collection must not repair anything). */
    public synchronized java.util.Optional<AndroidDriver> session() {
        return java.util.Optional.ofNullable(driver);
    }

    /**
     * Ends the Appium session, if any; a phone that already dropped it is fine. The server allows
     * one session per phone, so a session must never outlive its Phone.
     */
    public synchronized void endSession() {
        if (driver != null) {
            try {
                driver.quit();
            } catch (WebDriverException e) {
                log.debug("{}: session already gone: {}", id(), e.getMessage());
            } finally {
                driver = null;
            }
        }
    }

    public byte[] screenshot() {
        return driver().getScreenshotAs(OutputType.BYTES);
    }

    public String pageSource() {
        return driver().getPageSource();
    }

    /**
     * Factory reset with the profile's ADB command, then wait (boot budget) until the phone has
     * booted again and shows the sign-in screen.
     */
    public SignInScreen factoryReset() {
        awaitBootedAgain(startFactoryReset());
        return signInScreen().awaitShown(profile.budgets().boot());
    }

    /**
     * Sends the profile's factory reset and returns at once with the boot id from before it; the
     * session and the ADB connection end with it. {@link #factoryReset()} waits for the phone too.
     */
    public String startFactoryReset() {
        String bootBefore = adb.shell(BOOT_ID).strip();
        endSession();
        log.info("{}: factory reset with '{}'", id(), profile.factoryResetCommand());
        adb.run(profile.factoryResetCommand());
        adb.disconnect();
        return bootBefore;
    }

    /** {@code adb reboot}, returning at once with the boot id from before it; the session and the ADB connection end with it. */
    public String startReboot() {
        String bootBefore = adb.shell(BOOT_ID).strip();
        endSession();
        log.info("{}: rebooting (adb reboot)", id());
        adb.reboot();
        return bootBefore;
    }

    /** This boot's id: a new one after every reboot. */
    public String bootId() {
        return adb.shell(BOOT_ID).strip();
    }

    /**
     * After something else rebooted the phone (a restart operation): drops the session and the
     * ADB connection the reboot ended and waits (boot budget) until it booted with another boot id.
     */
    public void awaitRebooted(String bootBefore) {
        endSession();
        adb.disconnect();
        awaitBootedAgain(bootBefore);
    }

    private void awaitBootedAgain(String bootBefore) {
        await("phone " + id() + " to boot after a factory reset")
                .atMost(profile.budgets().boot())
                .pollInterval(profile.budgets().poll())
                .pollInSameThread()
                .ignoreExceptionsInstanceOf(AdbException.class)
                .until(() -> {
                    String bootNow = adb.shell(BOOT_ID).strip();
                    return !bootNow.equals(bootBefore) && adb.property("sys.boot_completed").equals("1");
                });
    }

    public SignInScreen signInScreen() { return new SignInScreen(this); }

    public SettingsScreen settingsScreen() { return new SettingsScreen(this); }

    public ProvisionPhoneScreen provisionPhoneScreen() { return new ProvisionPhoneScreen(this); }

    public ProvisioningResultScreen provisioningResultScreen() { return new ProvisioningResultScreen(this); }

    public LockScreen lockScreen() { return new LockScreen(this); }

    public HomeScreen homeScreen() { return new HomeScreen(this); }

    public CompanyPortalScreen companyPortalScreen() { return new CompanyPortalScreen(this); }

    public SignOutConfirmScreen signOutConfirmScreen() { return new SignOutConfirmScreen(this); }

    public PasswordExpiredScreen passwordExpiredScreen() { return new PasswordExpiredScreen(this); }

    /** The phone's log buffer now ({@code logcat -d}), threadtime lines. */
    public java.util.List<String> logcat() {
        return adb.shell("logcat -d").lines().toList();
    }

    /** The last line of the phone's log now: a mark for {@link #logcatSince(String)}. */
    public String logMark() {
        java.util.List<String> log = logcat();
        return log.isEmpty() ? "" : log.get(log.size() - 1);
    }

    /** The phone's log lines after {@code mark} (the whole buffer if the mark rolled out of it). */
    public java.util.List<String> logcatSince(String mark) {
        java.util.List<String> log = logcat();
        int at = log.lastIndexOf(mark);
        return at < 0 ? log : log.subList(at + 1, log.size());
    }

    @Override
    public void close() {
        try {
            endSession();
        } finally {
            adb.close();
        }
    }

    @Override
    public String toString() {
        return id() + " (" + profile.model() + " at " + device.adb() + ")";
    }
}
