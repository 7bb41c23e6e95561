package dialtone.cli;

import dialtone.backend.BackendConfig;
import dialtone.backend.BackendServer;
import dialtone.backend.TenantConfig;
import dialtone.backend.UserAccount;
import dialtone.core.lab.Lab;
import dialtone.core.rack.Preflight;
import dialtone.core.rack.RackPool;
import dialtone.model.BackendClock;
import dialtone.model.profile.DeviceProfiles;
import dialtone.model.rack.Rack;
import dialtone.model.rack.Racks;
import dialtone.model.rack.TimeScale;
import dialtone.simulator.rack.VirtualRack;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.awaitility.Awaitility;

/**
 * Brings a rack up for a run: loads the rack and profiles, starts the embedded backend and the
 * virtual rack when the rack file asks for them, resolves secrets, and hands back the {@link Lab}
 * the suites use. The one place where the virtual world is wired together.
 */
final class LabLauncher implements AutoCloseable {
    /** Token polling interval of the embedded backend: the virtual rack runs faster than real time. */
    private static final Duration EMBEDDED_POLL_INTERVAL = Duration.ofSeconds(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Lab lab;
    private final BackendServer backend;
    private final VirtualRack virtualRack;
    private final String adminToken;
    private RackPool pool;

    private LabLauncher(Lab lab, BackendServer backend, VirtualRack virtualRack, String adminToken) {
        this.lab = lab;
        this.backend = backend;
        this.virtualRack = virtualRack;
        this.adminToken = adminToken;
    }

    /**
     * @param timeScale   the command line's {@code --time-scale}; null: the rack's {@code timeScale}, else the default
     * @param profilesDir where the device profiles are; null: {@code device-profiles/} of {@code home}
     */
    record Options(Path home, Path rackFile, Set<String> models, TimeScale timeScale, String browser, Map<String, String> environment,
                   Path profilesDir) {
        Options(Path home, Path rackFile, Set<String> models, TimeScale timeScale, String browser, Map<String, String> environment) {
            this(home, rackFile, models, timeScale, browser, environment, null);
        }

        Path profiles() {
            return profilesDir != null ? profilesDir : home.resolve(Workspace.PROFILES_DIR);
        }
    }

    static LabLauncher start(Options o) {
        Rack rack = Racks.load(o.rackFile());
        DeviceProfiles profiles = DeviceProfiles.loadDirectory(o.profiles());
        List<Rack.Device> devices = select(rack, profiles, o.models());

        Map<String, String> passwords = new LinkedHashMap<>();
        for (Rack.Account a : rack.accounts()) {
            boolean generate = rack.backend().embedded() && !a.password().isAvailable(o.environment());
            passwords.put(a.upn(), generate ? randomSecret() : a.password().resolve(o.environment()));
        }

        BackendServer backend = null;
        VirtualRack virtualRack = null;
        try {
            URI backendUrl;
            String adminToken;
            Optional<String> otherTenantToken;
            if (rack.backend().embedded()) {
                // the rack may name where the embedded backend's tokens come from; otherwise they are one-off
                adminToken = rack.backend().adminToken().filter(t -> t.isAvailable(o.environment()))
                        .map(t -> t.resolve(o.environment())).orElseGet(LabLauncher::randomSecret);
                otherTenantToken = Optional.of(rack.backend().otherTenant().flatMap(Rack.OtherTenant::adminToken)
                        .filter(t -> t.isAvailable(o.environment())).map(t -> t.resolve(o.environment()))
                        .orElseGet(LabLauncher::randomSecret));
                backend = BackendServer.start(embeddedBackend(rack, adminToken, otherTenantToken.get(), passwords));
                backendUrl = URI.create(backend.url());
            } else {
                backendUrl = rack.backend().url().orElseThrow();
                adminToken = rack.backend().adminToken().orElseThrow().resolve(o.environment());
                otherTenantToken = rack.backend().otherTenant().map(t -> t.adminToken().orElseThrow().resolve(o.environment()));
            }
            URI appiumUrl;
            if (rack.appium().embedded()) {
                TimeScale scale = o.timeScale() != null ? o.timeScale() : rack.timeScale().orElse(TimeScale.DEFAULT);
                virtualRack = VirtualRack.start(rack, backendUrl.toString(), scale);
                appiumUrl = URI.create(virtualRack.appiumUrl());
            } else {
                appiumUrl = rack.appium().url().orElseThrow();
            }
            Lab lab = new Lab(rack, profiles, devices, backendUrl, adminToken, otherTenantToken, appiumUrl, passwords, o.browser(),
                    java.util.Optional.ofNullable(virtualRack).map(v -> URI.create(v.controlUrl())));
            return new LabLauncher(lab, backend, virtualRack, adminToken);
        } catch (RuntimeException e) {
            if (virtualRack != null) virtualRack.close();
            if (backend != null) backend.close();
            throw e;
        }
    }

    /**
     * The embedded backend: the rack's tenant with its accounts (and its Intune settings, if the rack
     * names them), and a second tenant without accounts (the rack's {@code otherTenant}, else
     * {@link #otherTenantId}) for the scenarios with a phone provisioned in another organization.
     */
    static BackendConfig embeddedBackend(Rack rack, String adminToken, String otherTenantToken, Map<String, String> passwords) {
        BackendConfig.Builder config = BackendConfig.builder()
                .testControls(true)
                .clock(BackendClock.system())
                .devicePollInterval(EMBEDDED_POLL_INTERVAL);
        List<UserAccount> users = new ArrayList<>();
        for (Rack.Account a : rack.accounts()) {
            users.add(new UserAccount(a.upn(), a.displayName().orElse(a.upn()), passwords.get(a.upn()), a.signInMode()));
        }
        String organization = rack.backend().organizationName().orElse(rack.backend().tenant());
        TenantConfig tenant = new TenantConfig(rack.backend().tenant(), organization, adminToken, users);
        if (rack.backend().intune().isPresent()) {
            Rack.Intune intune = rack.backend().intune().get();
            tenant = tenant.withEnrollment(intune.enrollmentRequired(), intune.deviceAdministrator());
        }
        Rack.OtherTenant other = rack.backend().otherTenant().orElse(
                new Rack.OtherTenant(otherTenantId(rack), Optional.empty(), Optional.empty()));
        TenantConfig otherTenant = new TenantConfig(other.tenant(),
                other.organizationName().orElse(organization + " (other organization)"), otherTenantToken, List.of());
        return config.tenant(tenant).tenant(otherTenant).build();
    }

    /** The embedded backend's second tenant when the rack names none: the rack's tenant id with "-other". */
    static String otherTenantId(Rack rack) {
        return rack.backend().tenant() + "-other";
    }

    private static List<Rack.Device> select(Rack rack, DeviceProfiles profiles, Set<String> models) {
        for (Rack.Device d : rack.devices()) {
            profiles.get(d.profile()); // an unknown profile fails before anything starts
        }
        if (models.isEmpty()) {
            return rack.devices();
        }
        List<Rack.Device> chosen = new ArrayList<>();
        for (Rack.Device d : rack.devices()) {
            if (models.contains(d.profile())) chosen.add(d);
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("rack " + rack.name() + " has no device with profile " + String.join(" or ", models));
        }
        return chosen;
    }

    static String randomSecret() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    Lab lab() { return lab; }

    /** The virtual rack, if this launcher started one. */
    java.util.Optional<VirtualRack> virtualRack() { return java.util.Optional.ofNullable(virtualRack); }

    /** The admin token of the rack's backend; never print it. */
    String adminToken() { return adminToken; }

    /** Waits (within {@code budget}) until every virtual phone has booted; a real rack is not waited for here. */
    void awaitVirtualPhonesBooted(Duration budget) {
        if (virtualRack != null) {
            Awaitility.await("virtual phones to boot").atMost(budget).pollInterval(Duration.ofMillis(50)).until(virtualRack::booted);
        }
    }

    void printEndpoints(PrintStream out) {
        out.println("Rack " + lab.rack().name() + " (" + lab.rack().source() + ")");
        out.println("  backend  " + lab.backendUrl() + (backend != null ? "  (embedded; console at " + lab.backendUrl() + "/ , Device Login at " + lab.backendUrl() + "/devicelogin)" : ""));
        out.println("  appium   " + lab.appiumUrl() + (virtualRack != null ? "  (virtual rack)" : ""));
        if (virtualRack != null) {
            out.println("  control  " + virtualRack.controlUrl() + "/sim/v1/devices  (faults: POST .../{id}/faults, power: POST .../{id}/power; docs/virtual-rack.md)");
        }
        for (Rack.Device d : lab.devices()) {
            out.printf("  %-12s %-14s adb %-16s mac %s%s%n", d.id(), d.profile(), d.adb(),
                    d.mac().map(Object::toString).orElse("-"), d.firmware().map(f -> "  firmware " + f).orElse(""));
        }
    }

    /**
     * Leases the run's phones (waiting up to {@code leaseWait} for those other runs hold), preflights
     * them, quarantines those that fail, and installs the pool in the lab; {@link #close()} releases
     * the leases. Prints one line per phone the run cannot use.
     */
    RackPool reserve(String run, Duration leaseWait, Duration leaseTtl, Map<String, String> environment, PrintStream out) {
        Rack rack = lab.rack();
        java.nio.file.Path state = RackPool.stateDir(rack, environment);
        // the virtual phones this process started are its own: only a rack other processes reach is leased
        pool = virtualRack != null ? RackPool.ownVirtualPhones(rack, lab.devices(), state, run)
                : RackPool.open(rack, lab.devices(), state, run, leaseWait, leaseTtl);
        lab.usePool(pool);
        pool.reserve();
        pool.preflight(new Preflight(lab.backendUrl()), lab::phone);
        for (Rack.Device d : lab.devices()) {
            pool.unavailable(d.id()).ifPresent(why -> out.println("  " + d.id() + " not used: " + why));
        }
        return pool;
    }

    /** Runs {@code body} with this lab installed for the suites. */
    <T> T with(Supplier<T> body) {
        Lab.install(lab);
        try {
            return body.get();
        } finally {
            Lab.install(null);
        }
    }

    @Override
    public void close() {
        if (pool != null) pool.close();
        lab.close();
        if (virtualRack != null) virtualRack.close();
        if (backend != null) backend.close();
    }
}
