package dialtone.model.rack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dialtone.model.Mac;
import dialtone.model.SignInMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RacksTest {
    static final Path VIRTUAL = Path.of("../../racks/virtual.yaml");

    @TempDir
    Path dir;

    @Test
    void theVirtualRackHasOnePhoneOfEachModel() {
        Rack rack = Racks.load(VIRTUAL);
        assertThat(rack.backend().embedded()).isTrue();
        assertThat(rack.appium().embedded()).isTrue();
        assertThat(rack.devices()).extracting(Rack.Device::profile).containsExactly("poly-ccx500", "poly-ccx600", "poly-trio-c60");
        assertThat(rack.devices()).allSatisfy(d -> {
            assertThat(d.adb().host()).isEqualTo("127.0.0.1");
            assertThat(d.firmware()).isPresent();
            assertThat(d.mac().orElseThrow().compact()).matches("(64167F|0004F2).*");
        });
        Rack.Account cap = rack.account(SignInMode.COMMON_AREA);
        assertThat(cap.password()).isEqualTo(Secret.env("DIALTONE_LOBBY_PASSWORD"));
    }

    @Test
    void aBadMacNamesTheDevice() throws IOException {
        Path f = variant("mac: 64:16:7F:60:00:01", "mac: 64:16:7F:60:00");
        assertThatThrownBy(() -> Racks.load(f)).hasMessageContaining(f + ": devices[1].mac:");
    }

    @Test
    void twoPhonesOnOneAdbPortAreRejected() throws IOException {
        Path f = variant("127.0.0.1:15602", "127.0.0.1:15601");
        assertThatThrownBy(() -> Racks.load(f)).hasMessageContaining("devices[1].adb: two devices share adb address 127.0.0.1:15601");
    }

    @Test
    void aBadAdbAddressAndAnUnknownKeyAreNamed() throws IOException {
        assertThatThrownBy(() -> Racks.load(variant("adb: 127.0.0.1:15603", "adb: 127.0.0.1:99999")))
                .hasMessageContaining("devices[2].adb: port must be 1-65535, found 99999");
        assertThatThrownBy(() -> Racks.load(variant("    power: virtual\n  - id: ccx600-1", "    powr: virtual\n  - id: ccx600-1")))
                .hasMessageContaining("devices[0].powr: unknown key");
    }

    @Test
    void anAccountNeedsAPasswordSourceAndNeverAValue() throws IOException {
        Path f = variant("    passwordEnv: DIALTONE_LOBBY_PASSWORD\n", "    password: hunter2\n");
        assertThatThrownBy(() -> Racks.load(f)).hasMessageContaining("accounts[0].password: unknown key");
        Path g = variant("    passwordEnv: DIALTONE_LOBBY_PASSWORD\n", "");
        assertThatThrownBy(() -> Racks.load(g)).hasMessageContaining("accounts[0]: missing passwordEnv or passwordFile");
    }

    @Test
    void aRemoteBackendNeedsAnAdminTokenSource() throws IOException {
        Path f = variant("url: embedded", "url: https://tac.example.com");
        assertThatThrownBy(() -> Racks.load(f)).hasMessageContaining("backend: a backend URL needs adminTokenEnv or adminTokenFile");
    }

    @Test
    void secretsResolveWithoutShowingTheirValue() throws IOException {
        Secret env = Secret.env("LOBBY");
        assertThat(env.resolve(Map.of("LOBBY", "s3cret-value"))).isEqualTo("s3cret-value");
        assertThat(env.toString()).isEqualTo("$LOBBY");
        assertThatThrownBy(() -> env.resolve(Map.of())).hasMessage("environment variable LOBBY is not set");
        Path file = dir.resolve("pw");
        Files.writeString(file, "from-file\n");
        Secret f = Secret.file(file.toString());
        assertThat(f.resolve(Map.of())).isEqualTo("from-file");
        assertThat(f.toString()).doesNotContain("from-file");
    }

    @Test
    void aVirtualRackMayRunAtItsOwnTimeScaleWithinBounds() throws IOException {
        assertThat(Racks.load(VIRTUAL).timeScale()).as("racks/virtual.yaml leaves it to the default").isEmpty();
        assertThat(Racks.load(variant("name: virtual\n", "name: virtual\ntimeScale: 0.2\n")).timeScale()).contains(new TimeScale(0.2));
        assertThatThrownBy(() -> Racks.load(variant("name: virtual\n", "name: virtual\ntimeScale: 0\n")))
                .hasMessageContaining("timeScale: time scale must be > 0 and <= 10");
        assertThatThrownBy(() -> Racks.load(variant("name: virtual\n", "name: virtual\ntimeScale: 11\n")))
                .hasMessageContaining("timeScale: time scale must be > 0 and <= 10");
        assertThatThrownBy(() -> Racks.load(variant("name: virtual\n", "name: virtual\ntimeScale: fast\n")))
                .hasMessageContaining("timeScale: time scale must be a number such as 0.05");
        Path real = variant("appium: embedded", "appium: http://127.0.0.1:4723");
        Path realScaled = Files.writeString(dir.resolve("real.yaml"), Files.readString(real).replace("name: virtual\n", "name: virtual\ntimeScale: 0.5\n"));
        assertThatThrownBy(() -> Racks.load(realScaled)).hasMessageContaining("timeScale: only a virtual rack");
    }

    @Test
    void macsInAnySpellingAreOnePhone() throws IOException {
        Path f = variant("mac: 64:16:7F:60:00:01", "mac: 64-16-7f-50-00-01");
        assertThatThrownBy(() -> Racks.load(f)).hasMessageContaining("two devices share MAC " + Mac.parse("64167F500001"));
    }

    @Test
    void stateDirIsADirectoryNextToTheRackFile() throws IOException {
        assertThat(Racks.load(VIRTUAL).stateDir()).as("the default place").isEmpty();
        Path f = variant("name: virtual\n", "name: virtual\nstateDir: lab-state\n");
        assertThat(Racks.load(f).stateDir()).contains(dir.toAbsolutePath().resolve("lab-state"));
        Path blank = variant("name: virtual\n", "name: virtual\nstateDir: ' '\n");
        assertThatThrownBy(() -> Racks.load(blank)).hasMessageContaining(blank + ": stateDir: must not be empty");
    }

    @Test
    void adbKeysIsAPathNextToTheRackFileAndOnlyForVirtualPhones() throws IOException {
        Path f = variant("    firmware: 9.0.0.10315\n", "    firmware: 9.0.0.10315\n    adbKeys: keys/adb_keys\n");
        Rack rack = Racks.load(f);
        assertThat(rack.device("ccx600-1").adbKeys()).contains(dir.toAbsolutePath().resolve("keys/adb_keys"));
        assertThat(rack.device("ccx500-1").adbKeys()).isEmpty();

        Path blank = variant("    firmware: 9.0.0.10315\n", "    firmware: 9.0.0.10315\n    adbKeys: ''\n");
        assertThatThrownBy(() -> Racks.load(blank)).hasMessageContaining("devices[1].adbKeys: must not be empty");

        Path real = variant("    firmware: 9.0.0.10315\n", "    firmware: 9.0.0.10315\n    adbKeys: keys/adb_keys\n");
        Files.writeString(real, Files.readString(real).replace("appium: embedded", "appium: http://127.0.0.1:4723"));
        assertThatThrownBy(() -> Racks.load(real)).hasMessageContaining("devices[1].adbKeys: only a virtual phone takes 'adbKeys'");
    }

    @Test
    void powerIsNoneVirtualAPduOutletOrAPoePort() throws IOException {
        assertThat(Racks.load(VIRTUAL).devices()).extracting(Rack.Device::power).containsOnly(Power.VIRTUAL);
        Path noPower = variant("    firmware: 9.0.0.10315\n    power: virtual\n", "    firmware: 9.0.0.10315\n");
        assertThat(Racks.load(noPower).device("ccx600-1").power()).as("default").isEqualTo(Power.NONE);

        Path pdu = real("    power:\n      type: http\n      on: http://pdu-1.lab/outlets/{outlet}/on\n      off: http://pdu-1.lab/outlets/{outlet}/off\n"
                + "      outlet: 7\n      user: admin\n      passwordEnv: PDU_PASSWORD\n");
        assertThat(Racks.load(pdu).device("ccx600-1").power()).isEqualTo(new Power.Http("http://pdu-1.lab/outlets/7/on",
                "http://pdu-1.lab/outlets/7/off", "POST", Optional.of("admin"), Optional.of(Secret.env("PDU_PASSWORD"))));

        Path poe = real("    power:\n      type: snmp\n      host: 10.0.0.2\n      ifIndex: 12\n      communityFile: /etc/dialtone/poe-community\n");
        assertThat(Racks.load(poe).device("ccx600-1").power())
                .isEqualTo(new Power.Snmp("10.0.0.2", 161, 12, Secret.file("/etc/dialtone/poe-community")));

        assertThat(Racks.load(Path.of("../../racks/lab-example.yaml")).devices()).extracting(d -> d.power().type())
                .as("the example shows every real kind").containsExactly("none", "snmp", "http");
    }

    @Test
    void aBadPowerSettingNamesTheDeviceAndTheKey() throws IOException {
        assertThatThrownBy(() -> Racks.load(variant("    power: virtual\n  - id: ccx600-1", "    power: mains\n  - id: ccx600-1")))
                .hasMessageContaining("devices[0].power: device ccx500-1: unknown power control 'mains' (known: none, virtual, http, snmp)");
        assertThatThrownBy(() -> Racks.load(real("    power: snmp\n")))
                .hasMessageContaining("device ccx600-1: power 'snmp' needs a mapping with type: snmp");
        String pdu = "    power:\n      type: http\n      on: http://pdu/{outlet}\n      off: http://pdu/{outlet}\n      outlet: 3\n";
        assertThatThrownBy(() -> Racks.load(real(pdu.replace("on: http:", "on: ftp:"))))
                .hasMessageContaining("devices[1].power.on: device ccx600-1: must be 'embedded' or an http(s) URL, found 'ftp://pdu/3'");
        assertThatThrownBy(() -> Racks.load(real(pdu + "      method: DELETE\n")))
                .hasMessageContaining("devices[1].power.method: device ccx600-1: must be GET, POST or PUT, found 'DELETE'");
        assertThatThrownBy(() -> Racks.load(real(pdu + "      user: admin\n")))
                .hasMessageContaining("devices[1].power: device ccx600-1: basic auth needs both 'user' and passwordEnv or passwordFile");
        String poe = "    power:\n      type: snmp\n      host: sw1\n";
        assertThatThrownBy(() -> Racks.load(real(poe + "      ifIndex: 0\n      communityEnv: C\n")))
                .hasMessageContaining("devices[1].power.ifIndex: device ccx600-1: must be between 1 and");
        assertThatThrownBy(() -> Racks.load(real(poe + "      ifIndex: 4\n      community: public\n")))
                .hasMessageContaining("devices[1].power.community: device ccx600-1: unknown key");
        assertThatThrownBy(() -> Racks.load(real(poe + "      ifIndex: 4\n")))
                .hasMessageContaining("devices[1].power: device ccx600-1: missing communityEnv or communityFile");
    }

    /** The virtual rack as a real one (an Appium URL, no power on the others), with {@code power} as the second phone's. */
    private Path real(String power) throws IOException {
        String text = Files.readString(VIRTUAL).replace("appium: embedded", "appium: http://127.0.0.1:4723")
                .replace("    firmware: 9.0.0.10315\n    power: virtual\n", "    firmware: 9.0.0.10315\nPOWER").replace("    power: virtual\n", "")
                .replace("POWER", power);
        return Files.writeString(dir.resolve("rack.yaml"), text);
    }

    @Test
    void behindAGridEveryPhoneNamesItsAppiumServer() throws IOException {
        String grid = Files.readString(VIRTUAL).replace("appium: embedded", "appium: http://grid-hub:4444")
                .replace("    power: virtual\n", "    power: virtual\n    appiumServer: http://lab-host-1:4723\n");
        Rack rack = Racks.load(Files.writeString(dir.resolve("grid.yaml"), grid));
        assertThat(rack.devices()).allSatisfy(d -> assertThat(d.appiumServer()).contains(java.net.URI.create("http://lab-host-1:4723")));
        assertThat(Racks.load(VIRTUAL).devices()).allSatisfy(d -> assertThat(d.appiumServer()).isEmpty());

        Path oneMissing = Files.writeString(dir.resolve("missing.yaml"), grid.replaceFirst("    appiumServer: http://lab-host-1:4723\n", ""));
        assertThatThrownBy(() -> Racks.load(oneMissing)).hasMessageContaining("devices: device ccx500-1 has no appiumServer while others have one");
        Path badUrl = Files.writeString(dir.resolve("bad.yaml"), grid.replaceFirst("http://lab-host-1:4723", "lab-host-1:4723"));
        assertThatThrownBy(() -> Racks.load(badUrl)).hasMessageContaining("devices[0].appiumServer: must be an Appium server URL like http://lab-host-1:4723, found 'lab-host-1:4723'");
        Path virtual = variant("    power: virtual\n  - id: ccx600-1", "    power: virtual\n    appiumServer: http://lab-host-1:4723\n  - id: ccx600-1");
        assertThatThrownBy(() -> Racks.load(virtual)).hasMessageContaining("devices[0].appiumServer: device ccx500-1: only a rack whose 'appium' is a Selenium Grid URL");
    }

    @Test
    void anotherTenantAndTheEmbeddedTenantsIntuneSettingsAreCheckedKeyByKey() throws IOException {
        String org = "  organizationName: Contoso Ltd\n";
        Rack plain = Racks.load(VIRTUAL);
        assertThat(plain.backend().otherTenant()).isEmpty();
        assertThat(plain.backend().intune()).isEmpty();

        Rack other = Racks.load(variant(org, org + "  otherTenant:\n    tenant: fabrikam\n    organizationName: Fabrikam Inc\n"
                + "    adminTokenEnv: FABRIKAM_TOKEN\n  intuneEnrollmentRequired: true\n  deviceAdministratorEnrollment: blocked\n"));
        assertThat(other.backend().otherTenant()).contains(new Rack.OtherTenant("fabrikam", java.util.Optional.of("Fabrikam Inc"),
                java.util.Optional.of(Secret.env("FABRIKAM_TOKEN"))));
        assertThat(other.backend().intune()).contains(new Rack.Intune(true, dialtone.model.DeviceAdministratorEnrollment.BLOCKED));

        assertThatThrownBy(() -> Racks.load(variant(org, org + "  otherTenant:\n    tenant: contoso\n")))
                .hasMessageContaining("backend.otherTenant.tenant: must be another tenant than backend.tenant ('contoso')");
        assertThatThrownBy(() -> Racks.load(variant(org, org + "  otherTenant:\n    tenant: fabrikam\n    adminToken: s3cret\n")))
                .hasMessageContaining("backend.otherTenant.adminToken: unknown key");
        assertThatThrownBy(() -> Racks.load(variant(org, org + "  deviceAdministratorEnrollment: never\n")))
                .hasMessageContaining("backend.deviceAdministratorEnrollment: must be allowed or blocked, found 'never'");
        assertThatThrownBy(() -> Racks.load(variant(org, org + "  intuneEnrollmentRequired: yes please\n")))
                .hasMessageContaining("backend.intuneEnrollmentRequired: must be true or false");

        String real = "url: https://tac.example.com\n  adminTokenEnv: TOKEN";
        assertThatThrownBy(() -> Racks.load(variant("url: embedded", real + "\n  otherTenant:\n    tenant: fabrikam")))
                .hasMessageContaining("backend.otherTenant: another tenant of a backend URL needs adminTokenEnv or adminTokenFile");
        assertThatThrownBy(() -> Racks.load(variant("url: embedded", real + "\n  intuneEnrollmentRequired: true")))
                .hasMessageContaining("backend.intuneEnrollmentRequired: only the embedded backend's tenant");
    }

    private Path variant(String from, String to) throws IOException {
        String text = Files.readString(VIRTUAL);
        assertThat(text).contains(from);
        Path f = dir.resolve("rack.yaml");
        Files.writeString(f, text.replace(from, to));
        return f;
    }
}
