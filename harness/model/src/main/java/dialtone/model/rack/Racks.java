package dialtone.model.rack;

import dialtone.model.DeviceAdministratorEnrollment;
import dialtone.model.Mac;
import dialtone.model.SignInMode;
import dialtone.model.profile.FirmwareVersion;
import dialtone.model.yaml.YamlException;
import dialtone.model.yaml.YamlNode;
import dialtone.model.yaml.YamlSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Loads and validates rack files; every error names the file, the key and what is wrong. */
public final class Racks {
    static final List<String> POWER_CONTROLS = List.of("none", "virtual", "http", "snmp");
    static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT");

    private Racks() {}

    public static Rack load(Path file) {
        return parse(file, YamlSource.read(file));
    }

    static Rack parse(Path file, YamlNode root) {
        root.keys("name", "backend", "appium", "devices", "accounts", "timeScale", "stateDir");
        boolean embeddedAppium = root.text("appium").equals("embedded");
        Optional<TimeScale> timeScale = root.optional("timeScale").map(n -> n.as(TimeScale::parse));
        if (timeScale.isPresent() && !embeddedAppium) {
            throw root.get("timeScale").error("only a virtual rack (appium: embedded) has a time scale: real phones run in real time");
        }
        Rack.Appium appium = new Rack.Appium(embeddedAppium ? Optional.empty() : Optional.of(root.get("appium").as(Racks::httpUrl)));

        List<Rack.Device> devices = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> adbs = new HashSet<>();
        Set<Mac> macs = new HashSet<>();
        for (YamlNode d : root.get("devices").list()) {
            Rack.Device device = device(d, embeddedAppium, file);
            if (!ids.add(device.id())) throw d.get("id").error("duplicate device id '" + device.id() + "'");
            if (!adbs.add(device.adb().serial())) throw d.get("adb").error("two devices share adb address " + device.adb());
            if (device.mac().isPresent() && !macs.add(device.mac().get())) throw d.get("mac").error("two devices share MAC " + device.mac().get());
            devices.add(device);
        }
        if (devices.isEmpty()) {
            throw root.get("devices").error("must list at least one device");
        }
        long relayed = devices.stream().filter(d -> d.appiumServer().isPresent()).count();
        if (relayed > 0 && relayed < devices.size()) {
            Rack.Device without = devices.stream().filter(d -> d.appiumServer().isEmpty()).findFirst().orElseThrow();
            throw root.get("devices").error("device " + without.id() + " has no appiumServer while others have one: with a Selenium Grid"
                    + " in 'appium' every device names the Appium server the Grid relays it to (docs/scale-out.md)");
        }

        List<Rack.Account> accounts = new ArrayList<>();
        for (YamlNode a : root.optional("accounts").map(YamlNode::list).orElse(List.of())) {
            accounts.add(account(a));
        }
        Optional<Path> stateDir = root.optional("stateDir").map(n -> n.as(s -> relativeToRackFile(s, file, "a directory for the rack's leases and health history")));
        return new Rack(file, root.text("name"), backend(root.get("backend")), appium, List.copyOf(devices), List.copyOf(accounts), timeScale,
                stateDir);
    }

    private static Rack.Backend backend(YamlNode b) {
        b.keys("url", "tenant", "organizationName", "adminTokenEnv", "adminTokenFile", "otherTenant",
                "intuneEnrollmentRequired", "deviceAdministratorEnrollment");
        boolean embedded = b.text("url").equals("embedded");
        Optional<Secret> token = secret(b, "adminTokenEnv", "adminTokenFile", false);
        if (!embedded && token.isEmpty()) {
            throw b.error("a backend URL needs adminTokenEnv or adminTokenFile (the admin token is never written in the rack file)");
        }
        String tenant = b.text("tenant");
        Optional<Rack.OtherTenant> other = b.optional("otherTenant").map(o -> otherTenant(o, tenant, embedded));
        Optional<Rack.Intune> intune = intune(b, embedded);
        return new Rack.Backend(embedded ? Optional.empty() : Optional.of(b.get("url").as(Racks::httpUrl)),
                tenant, b.optionalText("organizationName"), token, other, intune);
    }

    private static Rack.OtherTenant otherTenant(YamlNode o, String tenant, boolean embedded) {
        o.keys("tenant", "organizationName", "adminTokenEnv", "adminTokenFile");
        String id = o.text("tenant");
        if (id.equals(tenant)) {
            throw o.get("tenant").error("must be another tenant than backend.tenant ('" + tenant + "')");
        }
        Optional<Secret> token = secret(o, "adminTokenEnv", "adminTokenFile", false);
        if (!embedded && token.isEmpty()) {
            throw o.error("another tenant of a backend URL needs adminTokenEnv or adminTokenFile (never the token itself)");
        }
        if (!embedded && o.has("organizationName")) {
            throw o.get("organizationName").error("only the embedded backend's tenants take an organizationName; a real tenant has its own");
        }
        return new Rack.OtherTenant(id, o.optionalText("organizationName"), token);
    }

    private static Optional<Rack.Intune> intune(YamlNode b, boolean embedded) {
        if (!b.has("intuneEnrollmentRequired") && !b.has("deviceAdministratorEnrollment")) {
            return Optional.empty();
        }
        String key = b.has("intuneEnrollmentRequired") ? "intuneEnrollmentRequired" : "deviceAdministratorEnrollment";
        if (!embedded) {
            throw b.get(key).error("only the embedded backend's tenant takes Intune settings from the rack file; a real tenant's are set in the tenant");
        }
        boolean required = b.has("intuneEnrollmentRequired") && b.bool("intuneEnrollmentRequired");
        DeviceAdministratorEnrollment deviceAdministrator = b.optional("deviceAdministratorEnrollment")
                .map(n -> n.as(Racks::deviceAdministratorEnrollment)).orElse(DeviceAdministratorEnrollment.ALLOWED);
        return Optional.of(new Rack.Intune(required, deviceAdministrator));
    }

    private static DeviceAdministratorEnrollment deviceAdministratorEnrollment(String s) {
        return switch (s) {
            case "allowed" -> DeviceAdministratorEnrollment.ALLOWED;
            case "blocked" -> DeviceAdministratorEnrollment.BLOCKED;
            default -> throw new IllegalArgumentException("must be allowed or blocked, found '" + s + "'");
        };
    }

    private static Rack.Device device(YamlNode d, boolean virtual, Path rackFile) {
        d.keys("id", "profile", "adb", "mac", "firmware", "power", "adbKeys", "appiumServer");
        Optional<FirmwareVersion> firmware = d.optional("firmware").map(n -> n.as(FirmwareVersion::parse));
        Optional<Mac> mac = d.optional("mac").map(n -> n.as(Mac::parse));
        if (virtual && firmware.isEmpty()) {
            throw d.error("a virtual phone needs 'firmware' (the firmware the simulator runs)");
        }
        if (virtual && mac.isEmpty()) {
            throw d.error("a virtual phone needs 'mac'");
        }
        String id = d.text("id");
        Optional<Path> adbKeys = d.optional("adbKeys").map(n -> n.as(s -> relativeToRackFile(s, rackFile, "the path of an adb_keys file")));
        if (!virtual && adbKeys.isPresent()) {
            throw d.get("adbKeys").error("only a virtual phone takes 'adbKeys'; a real phone keeps its own adb_keys");
        }
        Power power = d.optional("power").map(p -> power(p, id)).orElse(Power.NONE);
        if (virtual && d.has("appiumServer")) {
            throw d.get("appiumServer").error("device " + id + ": only a rack whose 'appium' is a Selenium Grid URL names each phone's"
                    + " Appium server; a virtual rack (appium: embedded) serves its phones itself (`dialtone grid up` puts one behind a Grid)");
        }
        Optional<URI> appiumServer = d.optional("appiumServer").map(n -> n.as(Racks::appiumServerUrl));
        return new Rack.Device(id, d.text("profile"), d.get("adb").as(AdbAddress::parse), mac, firmware, power, adbKeys, appiumServer);
    }

    /**
     * {@code none}, {@code virtual}, or a mapping with {@code type: http} (a PDU outlet) or {@code type: snmp}
     * (a PoE switch port). Every error names the device as well as the key.
     */
    private static Power power(YamlNode p, String device) {
        try {
            if (!p.isMapping()) {
                String word = p.text();
                return switch (word) {
                    case "none" -> Power.NONE;
                    case "virtual" -> Power.VIRTUAL; // on a real rack it fails when used: no simulator control API runs
                    case "http", "snmp" -> throw p.error("power '" + word + "' needs a mapping with type: " + word
                            + " and its settings (docs/reliability.md, Power control)");
                    default -> throw p.error("unknown power control '" + word + "' (known: " + String.join(", ", POWER_CONTROLS) + ")");
                };
            }
            String type = p.text("type");
            return switch (type) {
                case "http" -> httpPower(p.keys("type", "on", "off", "outlet", "method", "user", "passwordEnv", "passwordFile"));
                case "snmp" -> snmpPower(p.keys("type", "host", "port", "ifIndex", "communityEnv", "communityFile"));
                default -> throw p.get("type").error("must be http or snmp (or write power: none / power: virtual), found '" + type + "'");
            };
        } catch (YamlException e) {
            throw new YamlException(e.file(), e.key(), "device " + device + ": " + e.problem());
        }
    }

    private static Power.Http httpPower(YamlNode p) {
        String outlet = p.text("outlet");
        String on = p.get("on").as(t -> outletUrl(t, outlet));
        String off = p.get("off").as(t -> outletUrl(t, outlet));
        String method = p.optional("method").map(n -> n.as(m -> {
            if (!HTTP_METHODS.contains(m)) throw new IllegalArgumentException("must be GET, POST or PUT, found '" + m + "'");
            return m;
        })).orElse("POST");
        Optional<String> user = p.optionalText("user");
        Optional<Secret> password = secret(p, "passwordEnv", "passwordFile", false);
        if (user.isPresent() != password.isPresent()) {
            throw p.error("basic auth needs both 'user' and passwordEnv or passwordFile (or neither)");
        }
        return new Power.Http(on, off, method, user, password);
    }

    /** A PDU URL template: {@code {outlet}} is replaced by the device's outlet. */
    private static String outletUrl(String template, String outlet) {
        String url = template.replace("{outlet}", outlet);
        httpUrl(url);
        return url;
    }

    private static Power.Snmp snmpPower(YamlNode p) {
        String host = p.text("host");
        int port = p.has("port") ? p.integer("port", 1, 65535) : 161;
        int ifIndex = p.integer("ifIndex", 1, Integer.MAX_VALUE);
        Secret community = secret(p, "communityEnv", "communityFile", true).orElseThrow();
        return new Power.Snmp(host, port, ifIndex, community);
    }

    /** Relative to the rack file's directory (adb_keys are read and checked when the phone starts). */
    private static Path relativeToRackFile(String s, Path rackFile, String what) {
        if (s.isBlank()) {
            throw new IllegalArgumentException("must be " + what);
        }
        Path dir = rackFile == null || rackFile.toAbsolutePath().getParent() == null ? Path.of("") : rackFile.toAbsolutePath().getParent();
        return dir.resolve(s).normalize();
    }

    private static Rack.Account account(YamlNode a) {
        a.keys("upn", "displayName", "signInMode", "passwordEnv", "passwordFile");
        String upn = a.text("upn");
        if (!upn.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw a.get("upn").error("must be an address like lobby@contoso.com, found '" + upn + "'");
        }
        Secret password = secret(a, "passwordEnv", "passwordFile", true).orElseThrow();
        SignInMode mode = a.optional("signInMode").map(n -> n.as(Racks::signInMode)).orElse(SignInMode.COMMON_AREA);
        return new Rack.Account(upn, a.optionalText("displayName"), mode, password);
    }

    private static Optional<Secret> secret(YamlNode n, String envKey, String fileKey, boolean required) {
        if (n.has(envKey) && n.has(fileKey)) {
            throw n.error("give either " + envKey + " or " + fileKey + ", not both");
        }
        if (n.has(envKey)) return Optional.of(Secret.env(n.text(envKey)));
        if (n.has(fileKey)) return Optional.of(Secret.file(n.text(fileKey)));
        if (required) throw n.error("missing " + envKey + " or " + fileKey + " (passwords are never written in the rack file)");
        return Optional.empty();
    }

    private static SignInMode signInMode(String s) {
        return switch (s) {
            case "commonArea" -> SignInMode.COMMON_AREA;
            case "personal" -> SignInMode.PERSONAL;
            case "conference" -> SignInMode.CONFERENCE;
            default -> throw new IllegalArgumentException("must be commonArea, personal or conference, found '" + s + "'");
        };
    }

    /** An Appium server's base URL: http(s), a host, and no query or fragment (the Grid appends /session, /status). */
    private static URI appiumServerUrl(String s) {
        URI u;
        try {
            u = new URI(s);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("must be an Appium server URL like http://lab-host-1:4723, found '" + s + "'");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null || u.getQuery() != null || u.getFragment() != null) {
            throw new IllegalArgumentException("must be an Appium server URL like http://lab-host-1:4723, found '" + s + "'");
        }
        return u;
    }

    static URI httpUrl(String s) {
        try {
            URI u = new URI(s);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
                throw new IllegalArgumentException("must be 'embedded' or an http(s) URL, found '" + s + "'");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("must be 'embedded' or an http(s) URL, found '" + s + "'");
        }
    }
}
