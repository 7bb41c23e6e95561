package dialtone.model.rack;

import dialtone.model.DeviceAdministratorEnrollment;
import dialtone.model.Mac;
import dialtone.model.SignInMode;
import dialtone.model.profile.FirmwareVersion;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A rack inventory ({@code racks/*.yaml}): which backend and Appium endpoint to use, which phones
 * and which accounts. Loaded and validated by {@link Racks}. {@code stateDir} (rack key
 * {@code stateDir}, relative to the rack file) is where the harness processes sharing the rack keep
 * its leases and health history; empty: the default ({@code docs/reliability.md}).
 */
public record Rack(Path source, String name, Backend backend, Appium appium, List<Device> devices, List<Account> accounts,
                   Optional<TimeScale> timeScale, Optional<Path> stateDir) {

    /** A rack keeping its leases and health history in the default place ({@code ~/.dialtone/racks/NAME}). */
    public Rack(Path source, String name, Backend backend, Appium appium, List<Device> devices, List<Account> accounts,
                Optional<TimeScale> timeScale) {
        this(source, name, backend, appium, devices, accounts, timeScale, Optional.empty());
    }

    /** A rack without its own time scale (a real rack, or a virtual one at the default). */
    public Rack(Path source, String name, Backend backend, Appium appium, List<Device> devices, List<Account> accounts) {
        this(source, name, backend, appium, devices, accounts, Optional.empty());
    }

    /**
     * @param url              empty: the embedded backend Dialtone starts itself
     * @param organizationName for the embedded backend's tenant
     * @param adminToken       where the admin token comes from (not needed for the embedded backend)
     * @param otherTenant      a second tenant of the same backend (provisioning scenario 5: a phone
     *                         provisioned in another organization); the embedded backend always has one
     * @param intune           the embedded tenant's Intune settings at start (a real tenant's are set in the tenant)
     */
    public record Backend(Optional<URI> url, String tenant, Optional<String> organizationName, Optional<Secret> adminToken,
                          Optional<OtherTenant> otherTenant, Optional<Intune> intune) {
        public Backend(Optional<URI> url, String tenant, Optional<String> organizationName, Optional<Secret> adminToken) {
            this(url, tenant, organizationName, adminToken, Optional.empty(), Optional.empty());
        }

        public boolean embedded() { return url.isEmpty(); }
    }

    /**
     * {@code backend.otherTenant}: another tenant of the rack's backend, with its own admin token
     * (required for a real backend; the embedded backend makes a one-off one when it has no source).
     */
    public record OtherTenant(String tenant, Optional<String> organizationName, Optional<Secret> adminToken) {}

    /**
     * {@code backend.intuneEnrollmentRequired} / {@code backend.deviceAdministratorEnrollment}: the
     * embedded tenant's Intune settings for the whole run (e.g. a run whose tenant blocks enrolment).
     */
    public record Intune(boolean enrollmentRequired, DeviceAdministratorEnrollment deviceAdministrator) {}

    /** @param url empty: the virtual rack's own Appium-compatible server; else an Appium server or Selenium Grid */
    public record Appium(Optional<URI> url) {
        public boolean embedded() { return url.isEmpty(); }
    }

    /**
     * One phone. {@code firmware} is only for virtual phones (the firmware the simulator runs);
     * a real phone reports its own. {@code adbKeys} too: an {@code adb_keys} file (resolved against
     * the rack file's directory) restricting which hosts the virtual phone's adbd lets in; without it
     * the phone accepts any key that completes the RSA handshake. {@code power}: how its power is switched ({@link Power}).
     * {@code appiumServer}: only when the rack's {@code appium} is a Selenium Grid, the Appium server (on a lab host that
     * has {@code adb connect}ed the phone) the Grid relays this phone's sessions to; {@code dialtone grid config}
     * writes one relay node per such server (docs/scale-out.md).
     */
    public record Device(String id, String profile, AdbAddress adb, Optional<Mac> mac, Optional<FirmwareVersion> firmware, Power power,
                         Optional<Path> adbKeys, Optional<URI> appiumServer) {
        public Device(String id, String profile, AdbAddress adb, Optional<Mac> mac, Optional<FirmwareVersion> firmware, Power power,
                      Optional<Path> adbKeys) {
            this(id, profile, adb, mac, firmware, power, adbKeys, Optional.empty());
        }

        public Device(String id, String profile, AdbAddress adb, Optional<Mac> mac, Optional<FirmwareVersion> firmware, Power power) {
            this(id, profile, adb, mac, firmware, power, Optional.empty());
        }
    }

    public record Account(String upn, Optional<String> displayName, SignInMode signInMode, Secret password) {}

    public Device device(String id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("rack " + name + " has no device '" + id + "'"));
    }

    /** The first account of a sign-in mode, e.g. the Common Area Phone account the smoke suite signs in. */
    public Account account(SignInMode mode) {
        return accounts.stream().filter(a -> a.signInMode() == mode).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("rack " + name + " (" + source + ") has no " + mode + " account"));
    }

    /** True when every device is a virtual phone the simulator must start. */
    public boolean virtual() {
        return appium.embedded();
    }
}
