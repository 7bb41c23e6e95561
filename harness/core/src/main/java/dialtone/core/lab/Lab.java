package dialtone.core.lab;

import dialtone.core.backend.AdminClient;
import dialtone.core.evidence.Evidence;
import dialtone.core.flows.ProvisioningFlow;
import dialtone.core.phone.Phone;
import dialtone.core.portal.Browsers;
import dialtone.core.portal.DeviceLoginPortal;
import dialtone.core.power.PowerControl;
import dialtone.core.recovery.RecoveryLadder;
import dialtone.core.recovery.RecoveryLog;
import dialtone.model.profile.DeviceProfile;
import dialtone.model.profile.DeviceProfiles;
import dialtone.model.rack.Rack;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a suite needs to reach the rack, resolved once per run: the rack and its profiles,
 * the devices this run selected, and the backend, Appium and account secrets. The runner installs
 * it before TestNG starts; suites read it with {@link #current()}.
 */
public final class Lab implements AutoCloseable {
    private static volatile Lab current;

    private final Rack rack;
    private final DeviceProfiles profiles;
    private final List<Rack.Device> devices;
    private final URI backendUrl;
    private final URI appiumUrl;
    private final Map<String, String> passwords;
    private final String browser;
    private final AdminClient admin;
    private final Optional<URI> simulatorControl;
    private volatile RecoveryLog recoveryLog = RecoveryLog.none();

    /**
     * @param devices   the rack devices this run uses (all, or those of the models asked for)
     * @param passwords account passwords by UPN, already resolved from their sources
     */
    public Lab(Rack rack, DeviceProfiles profiles, List<Rack.Device> devices, URI backendUrl, String adminToken,
               URI appiumUrl, Map<String, String> passwords, String browser) {
        this(rack, profiles, devices, backendUrl, adminToken, appiumUrl, passwords, browser, Optional.empty());
    }

    /** @param simulatorControl the virtual rack's control API, which {@code power: virtual} switches phones with */
    public Lab(Rack rack, DeviceProfiles profiles, List<Rack.Device> devices, URI backendUrl, String adminToken,
               URI appiumUrl, Map<String, String> passwords, String browser, Optional<URI> simulatorControl) {
        this.simulatorControl = simulatorControl;
        this.rack = rack;
        this.profiles = profiles;
        this.devices = List.copyOf(devices);
        this.backendUrl = backendUrl;
        this.appiumUrl = appiumUrl;
        this.passwords = Map.copyOf(passwords);
        this.browser = browser;
        this.admin = new AdminClient(backendUrl.toString(), Objects.requireNonNull(adminToken, "admin token"));
    }

    public static void install(Lab lab) {
        current = lab;
    }

    public static Lab current() {
        Lab lab = current;
        if (lab == null) {
            throw new IllegalStateException("no lab installed: run suites with ./dialtone run SUITE, which starts or connects the rack first");
        }
        return lab;
    }

    public Rack rack() { return rack; }

    public List<Rack.Device> devices() { return devices; }

    public DeviceProfile profile(Rack.Device device) {
        return profiles.get(device.profile());
    }

    public URI backendUrl() { return backendUrl; }

    public URI appiumUrl() { return appiumUrl; }

    public String browser() { return browser; }

    /** The admin client for the rack's tenant, shared by every test of the run. */
    public AdminClient admin() {
        return admin;
    }

    public Phone phone(String deviceId) {
        Rack.Device device = rack.device(deviceId);
        try {
            URL appium = appiumUrl.toURL();
            return new Phone(device, profile(device), appium);
        } catch (MalformedURLException e) {
            throw new IllegalStateException("bad Appium URL " + appiumUrl, e);
        }
    }

    /** The virtual rack's control API, when this run started one. */
    public Optional<URI> simulatorControl() { return simulatorControl; }

    /** The runner names the run's reports directory: recovery attempts go to its {@code recovery.jsonl}. */
    public void recordRecoveriesIn(Path reportsDirectory) {
        recoveryLog = RecoveryLog.in(reportsDirectory);
    }

    public RecoveryLog recoveryLog() { return recoveryLog; }

    /** The recovery ladder for one of the run's phones, with the power control its rack entry names. */
    public RecoveryLadder recoveryLadder(Phone phone) {
        return new RecoveryLadder(phone, PowerControl.of(phone.device(), simulatorControl, System.getenv()), recoveryLog,
                Optional.of(p -> new ProvisioningFlow(p, admin, new Evidence(p, () -> admin.audit(p.mac())))
                        .provisionFromFactoryState(RecoveryLadder.REPROVISIONED_LOCATION)));
    }

    public DeviceLoginPortal portal() {
        return new DeviceLoginPortal(() -> Browsers.create(browser));
    }

    /** The account's password; the error names the account, never a value. */
    public String password(Rack.Account account) {
        String p = passwords.get(account.upn());
        if (p == null) {
            throw new IllegalStateException("no password for " + account.upn() + " (set " + account.password() + ")");
        }
        return p;
    }

    @Override
    public void close() {
        admin.close();
    }

    @Override
    public String toString() {
        return "Lab[rack=" + rack.name() + ", backend=" + backendUrl + ", appium=" + appiumUrl + ", devices=" + devices.size() + "]";
    }
}
