package dialtone.model.profile;

import dialtone.model.yaml.YamlException;
import dialtone.model.yaml.YamlNode;
import dialtone.model.yaml.YamlSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads and validates device profiles. An unknown key, a missing locator or a bad value fails the
 * load with a {@link YamlException} naming the file, the key and what is wrong.
 */
public final class DeviceProfiles {
    private final Map<String, DeviceProfile> byId;

    private DeviceProfiles(Map<String, DeviceProfile> byId) {
        this.byId = byId;
    }

    /** Every {@code *.yaml} of a directory; the file name (without .yaml) must equal the profile id. */
    public static DeviceProfiles loadDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new YamlException(dir.toString(), "", "device profile directory not found");
        }
        Map<String, DeviceProfile> profiles = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                DeviceProfile p = load(f);
                profiles.put(p.id(), p);
            }
        } catch (IOException e) {
            throw new YamlException(dir.toString(), "", "cannot list: " + e.getMessage());
        }
        return new DeviceProfiles(profiles);
    }

    public Optional<DeviceProfile> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public DeviceProfile get(String id) {
        DeviceProfile p = byId.get(id);
        if (p == null) {
            throw new IllegalArgumentException("no device profile '" + id + "' (known: " + String.join(", ", byId.keySet()) + ")");
        }
        return p;
    }

    public List<DeviceProfile> all() {
        return List.copyOf(byId.values());
    }

    public static DeviceProfile load(Path file) {
        return parse(file, YamlSource.read(file));
    }

    static DeviceProfile parse(Path file, YamlNode root) {
        root.keys("id", "manufacturer", "model", "kind", "properties", "display", "androidVersions", "firmware",
                "teams", "macAddress", "factoryReset", "features", "budgets", "recovery", "screens");
        String id = root.text("id");
        String expectedId = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        if (!id.equals(expectedId)) {
            throw root.get("id").error("must equal the file name '" + expectedId + "', found '" + id + "'");
        }
        YamlNode display = root.get("display").keys("width", "height");
        YamlNode firmware = root.get("firmware").keys("property", "minimum", "maximum");
        YamlNode teams = root.get("teams").keys("package", "activity");
        YamlNode mac = root.get("macAddress").keys("command");
        YamlNode reset = root.get("factoryReset").keys("command");
        List<String> android = new ArrayList<>();
        for (YamlNode v : root.get("androidVersions").list()) {
            android.add(v.text());
        }
        if (android.isEmpty()) {
            throw root.get("androidVersions").error("must list at least one Android version");
        }
        return new DeviceProfile(
                file,
                id,
                root.text("manufacturer"),
                root.text("model"),
                root.get("kind").as(DeviceProfiles::kind),
                root.get("properties").stringMap(),
                new DeviceProfile.Display(display.integer("width", 100, 10_000), display.integer("height", 100, 10_000)),
                List.copyOf(android),
                new DeviceProfile.FirmwareSupport(
                        firmware.text("property"),
                        firmware.get("minimum").as(FirmwareVersion::parse),
                        firmware.optional("maximum").map(n -> n.as(FirmwareVersion::parse))),
                new DeviceProfile.TeamsApp(teams.text("package"), teams.text("activity")),
                mac.text("command"),
                reset.text("command"),
                features(root.get("features")),
                budgets(root.get("budgets")),
                root.optional("recovery").map(DeviceProfiles::recovery).orElse(Recovery.DEFAULTS),
                screens(root.get("screens")));
    }

    private static DeviceProfile.Kind kind(String s) {
        return switch (s) {
            case "deskPhone" -> DeviceProfile.Kind.DESK_PHONE;
            case "conferencePhone" -> DeviceProfile.Kind.CONFERENCE_PHONE;
            default -> throw new IllegalArgumentException("must be deskPhone or conferencePhone, found '" + s + "'");
        };
    }

    private static Set<DeviceProfile.Feature> features(YamlNode node) {
        node.keys("handset", "conference");
        Set<DeviceProfile.Feature> out = EnumSet.noneOf(DeviceProfile.Feature.class);
        for (DeviceProfile.Feature f : DeviceProfile.Feature.values()) {
            if (node.bool(f.name().toLowerCase(Locale.ROOT))) {
                out.add(f);
            }
        }
        return Set.copyOf(out);
    }

    private static Budgets budgets(YamlNode node) {
        node.keys("adbConnect", "boot", "screen", "provisioning", "remoteSignIn", "signIn", "poll");
        return new Budgets(node.duration("adbConnect"), node.duration("boot"), node.duration("screen"),
                node.duration("provisioning"), node.duration("remoteSignIn"), node.duration("signIn"),
                node.duration("poll"));
    }

    /** The optional {@code recovery:} section: every rung and key optional, {@link Recovery#DEFAULTS} for the rest. */
    private static Recovery recovery(YamlNode node) {
        List<String> known = new ArrayList<>();
        for (Recovery.Rung r : Recovery.Rung.values()) known.add(r.key());
        known.add("diagnostics");
        node.keys(known.toArray(String[]::new));
        Recovery d = Recovery.DEFAULTS;
        java.util.EnumMap<Recovery.Rung, Recovery.Step> steps = new java.util.EnumMap<>(Recovery.Rung.class);
        Duration powerOffFor = d.powerOffFor();
        for (Recovery.Rung r : Recovery.Rung.values()) {
            Recovery.Step fallback = d.step(r);
            if (!node.has(r.key())) {
                steps.put(r, fallback);
                continue;
            }
            YamlNode s = node.get(r.key());
            if (r == Recovery.Rung.POWER_CYCLE) s.keys("attempts", "timeout", "offFor"); else s.keys("attempts", "timeout");
            int attempts = s.has("attempts") ? s.integer("attempts", 0, 10) : fallback.attempts();
            Duration timeout = s.has("timeout") ? positive(s, "timeout") : fallback.timeout();
            steps.put(r, new Recovery.Step(attempts, timeout));
            if (r == Recovery.Rung.POWER_CYCLE && s.has("offFor")) powerOffFor = positive(s, "offFor");
        }
        Duration diagnostics = node.has("diagnostics") ? positive(node, "diagnostics") : d.diagnostics();
        return new Recovery(steps, powerOffFor, diagnostics);
    }

    private static Duration positive(YamlNode node, String key) {
        Duration v = node.duration(key);
        if (v.isZero()) throw node.get(key).error("must be longer than 0");
        return v;
    }

    private static Map<PhoneScreen, Map<String, Locator>> screens(YamlNode node) {
        String[] screenKeys = Stream.of(PhoneScreen.values()).map(PhoneScreen::key).toArray(String[]::new);
        node.keys(screenKeys);
        Map<PhoneScreen, Map<String, Locator>> out = new EnumMap<>(PhoneScreen.class);
        for (PhoneScreen screen : PhoneScreen.values()) {
            YamlNode s = node.get(screen.key()).keys(screen.elements().toArray(String[]::new));
            Map<String, Locator> locators = new LinkedHashMap<>();
            for (String element : screen.elements()) {
                YamlNode l = s.get(element);
                Locator locator = l.as(Locator::parse);
                if (element.equals("dialPadKey") && !locator.value().contains("{digit}")) {
                    throw l.error("must contain the placeholder {digit}, found '" + locator + "'");
                }
                locators.put(element, locator);
            }
            out.put(screen, Map.copyOf(locators));
        }
        return out;
    }
}
