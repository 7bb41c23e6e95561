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
import dialtone.core.rack.RackPool;
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
    private volatile RackPool pool;
    private final Optional<AdminClient> otherTenant;

    /**
     * @param devices   the rack devices this run uses (all, or those of the models asked for)
     * @param passwords account passwords by UPN, already resolved from their sources
     */
    public Lab(Rack rack, DeviceProfiles profiles, List<Rack.Device> devices, URI backendUrl, String adminToken,
               URI appiumUrl, Map<String, String> passwords, String browser) {
        this(rack, profiles, devices, backendUrl, adminToken, Optional.empty(), appiumUrl, passwords, browser, Optional.empty());
    }

    /**
     * @param otherTenantToken the admin token of a second tenant of the same backend, if the lab has one
     * @param simulatorControl the virtual rack's control API, which {@code power: virtual} switches phones with
     */
    public Lab(Rack rack, DeviceProfiles profiles, List<Rack.Device> devices, URI backendUrl, String adminToken,
               Optional<String> otherTenantToken, URI appiumUrl, Map<String, String> passwords, String browser,
               Optional<URI> simulatorControl) {
        this.simulatorControl = simulatorControl;
        this.rack = rack;
        this.profiles = profiles;
        this.devices = List.copyOf(devices);
        this.backendUrl = backendUrl;
        this.appiumUrl = appiumUrl;
        this.passwords = Map.copyOf(passwords);
        this.browser = browser;
        this.admin = new AdminClient(backendUrl.toString(), Objects.requireNonNull(adminToken, "admin token"));
        this.otherTenant = otherTenantToken.map(t -> new AdminClient(backendUrl.toString(), t));
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

    /**
     * The admin client of a second tenant of the rack's backend (another organization), for the
     * scenarios with a phone provisioned elsewhere. The embedded backend always has one; a real
     * backend only when the rack file names {@code backend.otherTenant}.
     */
    public Optional<AdminClient> otherTenant() {
        return otherTenant;
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

    /**
     * The run's phones as leased, preflighted and quarantined ({@link RackPool}); a lab without one
     * installed ({@link #usePool}) treats every phone as usable.
     */
    public RackPool pool() {
        RackPool p = pool;
        if (p == null) {
            synchronized (this) {
                if (pool == null) pool = RackPool.unmanaged(rack.name(), devices);
                p = pool;
            }
        }
        return p;
    }

    /** Installs the run's pool before the suites start (the runner closes it after the run). */
    public void usePool(RackPool pool) {
        this.pool = pool;
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
        otherTenant.ifPresent(AdminClient::close);
    }

    @Override
    public String toString() {
        return "Lab[rack=" + rack.name() + ", backend=" + backendUrl + ", appium=" + appiumUrl + ", devices=" + devices.size() + "]";
    }
}
