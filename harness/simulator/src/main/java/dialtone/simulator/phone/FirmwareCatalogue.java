package dialtone.simulator.phone;

import dialtone.model.profile.FirmwareVersion;
import dialtone.model.yaml.YamlException;
import dialtone.model.yaml.YamlNode;
import dialtone.model.yaml.YamlSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The simulator's firmware catalogue ({@code firmware-catalogue.yaml}): per model its hardware and
 * firmware lines. Loaded strictly: an unknown key, an override of a key the defaults do not have,
 * or a bad value fails with the file and the key.
 */
public final class FirmwareCatalogue {
    static final String RESOURCE = "firmware-catalogue.yaml";
    private static final String[] SECTIONS = {"ids", "texts", "provisioningMessages", "passwordMessages", "layout", "timings"};
    private static final String[] TIMINGS = {"boot", "provisioning", "successScreen", "signingIn", "enrolmentStep", "tokenRefresh"};
    private static volatile FirmwareCatalogue shipped;

    private final Map<String, VirtualModel> models;
    private final Map<String, List<FirmwareLine>> lines;

    private FirmwareCatalogue(Map<String, VirtualModel> models, Map<String, List<FirmwareLine>> lines) {
        this.models = models;
        this.lines = lines;
    }

    /** The catalogue on the simulator's classpath. */
    public static FirmwareCatalogue shipped() {
        if (shipped == null) {
            try (InputStream in = FirmwareCatalogue.class.getResourceAsStream("/" + RESOURCE)) {
                if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the simulator's classpath");
                shipped = parse(RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + RESOURCE, e);
            }
        }
        return shipped;
    }

    public VirtualModel model(String profileId) {
        VirtualModel m = models.get(profileId);
        if (m == null) {
            throw new IllegalArgumentException("the simulator has no virtual model for profile '" + profileId
                    + "' (it has: " + String.join(", ", models.keySet()) + ")");
        }
        return m;
    }

    /** Every line of a model, oldest first. */
    public List<FirmwareLine> lines(String profileId) {
        model(profileId);
        return lines.get(profileId);
    }

    /**
     * The line a firmware version belongs to: the longest line prefix it starts with, if it is not
     * below that line's first version; else a clear error listing the model's lines.
     */
    public FirmwareLine line(String profileId, FirmwareVersion firmware) {
        Optional<FirmwareLine> match = lines(profileId).stream()
                .filter(l -> startsWith(firmware, prefix(l.name())))
                .max(Comparator.comparingInt(l -> prefix(l.name()).length));
        if (match.isEmpty() || firmware.compareTo(match.get().from()) < 0) {
            throw new IllegalArgumentException("firmware " + firmware + " of " + profileId + " is not in the simulator's firmware catalogue ("
                    + RESOURCE + "); known lines: " + String.join(", ", lines(profileId).stream().map(l -> l.name() + " from " + l.from()).toList()));
        }
        return match.get();
    }

    static FirmwareCatalogue parse(String origin, String yaml) {
        YamlNode root = YamlSource.parse(origin, yaml).keys("defaults", "models");
        YamlNode defaults = root.get("defaults").keys(SECTIONS);
        Map<String, Map<String, String>> base = new LinkedHashMap<>();
        for (String section : SECTIONS) {
            base.put(section, defaults.get(section).stringMap());
        }
        YamlNode timings = defaults.get("timings").keys(TIMINGS);
        for (String t : TIMINGS) timings.duration(t); // every timing is given and well formed in the defaults
        Map<String, VirtualModel> models = new LinkedHashMap<>();
        Map<String, List<FirmwareLine>> lines = new LinkedHashMap<>();
        YamlNode all = root.get("models");
        Map<String, YamlNode> linesOf = new LinkedHashMap<>();
        for (String id : all.fieldNames()) {
            YamlNode m = all.get(id).keys(concat(SECTIONS, "manufacturer", "model", "device", "display", "lines", "linesOf"));
            YamlNode d = m.get("display").keys("width", "height");
            VirtualModel model = new VirtualModel(id, m.text("manufacturer"), m.text("model"), m.text("device"),
                    d.integer("width", 100, 10_000), d.integer("height", 100, 10_000));
            Map<String, Map<String, String>> forModel = override(base, m);
            List<FirmwareLine> modelLines = new ArrayList<>();
            if (m.has("lines") == m.has("linesOf")) throw m.error("give either lines or linesOf (another model's lines)");
            YamlNode ls = m.has("lines") ? m.get("lines") : m.get("linesOf").as(other -> {
                YamlNode theirs = linesOf.get(other);
                if (theirs == null) throw new IllegalArgumentException("must name a model listed before this one, found '" + other + "'");
                return theirs;
            });
            linesOf.put(id, ls);
            for (String name : ls.fieldNames()) {
                modelLines.add(line(model, name, ls.get(name), override(forModel, ls.get(name))));
            }
            if (modelLines.isEmpty()) throw ls.error("must list at least one firmware line");
            modelLines.sort(Comparator.comparing(FirmwareLine::from));
            models.put(id, model);
            lines.put(id, List.copyOf(modelLines));
        }
        return new FirmwareCatalogue(Map.copyOf(models), Map.copyOf(lines));
    }

    private static FirmwareLine line(VirtualModel model, String name, YamlNode l, Map<String, Map<String, String>> s) {
        l.keys(concat(SECTIONS, "from", "android", "teamsVersion", "remoteProvisioning", "companyPortal"));
        if (!name.matches("\\d+(\\.\\d+)*\\.x")) {
            throw l.error("a line is named like 7.x or 7.2.x (a version prefix), found '" + name + "'");
        }
        FirmwareVersion from = l.get("from").as(FirmwareVersion::parse);
        if (!startsWith(from, prefix(name))) {
            throw l.get("from").error("must be a version of line " + name + ", found " + from);
        }
        String android = l.text("android");
        if (!android.matches("\\d+")) throw l.get("android").error("must be an Android release like 9 or 12, found '" + android + "'");
        Map<String, String> layout = s.get("layout");
        return new FirmwareLine(model, name, from, android, l.text("teamsVersion"), l.bool("remoteProvisioning"), l.bool("companyPortal"),
                s.get("ids"), s.get("texts"), s.get("provisioningMessages"), s.get("passwordMessages"),
                choice(l, "layout.settings", layout.get("settings"), FirmwareLine.SettingsLayout.class),
                choice(l, "layout.home", layout.get("home"), FirmwareLine.HomeLayout.class),
                timings(l, s.get("timings")));
    }

    /** {@code over}'s sections on top of {@code base}; a key the base lacks is a typo. */
    private static Map<String, Map<String, String>> override(Map<String, Map<String, String>> base, YamlNode over) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (String section : SECTIONS) {
            Map<String, String> merged = new LinkedHashMap<>(base.get(section));
            Optional<YamlNode> node = over.optional(section);
            if (node.isPresent()) {
                node.get().keys(base.get(section).keySet().toArray(String[]::new));
                merged.putAll(node.get().stringMap());
                if (section.equals("timings")) node.get().fieldNames().forEach(node.get()::duration); // errors name this key
            }
            out.put(section, merged);
        }
        return out;
    }

    private static FirmwareLine.Timings timings(YamlNode line, Map<String, String> t) {
        Duration[] d = new Duration[TIMINGS.length];
        for (int i = 0; i < TIMINGS.length; i++) {
            String key = TIMINGS[i];
            d[i] = YamlSource.parse(line.file(), key + ": " + t.get(key)).duration(key);
        }
        return new FirmwareLine.Timings(d[0], d[1], d[2], d[3], d[4], d[5]);
    }

    private static <E extends Enum<E>> E choice(YamlNode line, String key, String value, Class<E> type) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) return e;
        }
        throw new YamlException(line.file(), line.path() + " (" + key + ")", "must be one of "
                + Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList() + ", found '" + value + "'");
    }

    private static int[] prefix(String lineName) {
        return FirmwareVersion.parse(lineName.substring(0, lineName.length() - 2)).parts();
    }

    private static boolean startsWith(FirmwareVersion v, int[] prefix) {
        if (v.parts().length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) {
            if (v.parts()[i] != prefix[i]) return false;
        }
        return true;
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
