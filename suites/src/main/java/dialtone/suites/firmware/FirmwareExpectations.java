package dialtone.suites.firmware;

import dialtone.model.profile.DeviceProfile;
import dialtone.model.profile.FirmwareVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The firmware a build is expected to put on each model: {@code --expect-firmware MODEL=VERSION}
 * (repeatable). MODEL is a profile id ({@code poly-ccx600}) or a model name ({@code CCX 600}),
 * case-insensitive; VERSION is a dotted firmware version. Reaches the firmware suite as the TestNG
 * parameter {@value #PARAMETER}, the options joined with commas.
 */
public final class FirmwareExpectations {
    public static final String PARAMETER = "expectFirmware";
    private static final String SYNTAX = "--expect-firmware takes MODEL=VERSION, MODEL a profile id or model name"
            + " (poly-ccx600, \"CCX 600\"), VERSION like 9.0.0.10400";

    /** Lower-cased MODEL → expected version, in the order given. */
    private final Map<String, Expectation> byModel;

    public record Expectation(String model, FirmwareVersion version) {}

    private FirmwareExpectations(Map<String, Expectation> byModel) {
        this.byModel = byModel;
    }

    public static FirmwareExpectations none() {
        return new FirmwareExpectations(Map.of());
    }

    /** Parses the options as given on the command line; bad syntax is an {@link IllegalArgumentException} saying which. */
    public static FirmwareExpectations parse(Collection<String> options) {
        Map<String, Expectation> byModel = new LinkedHashMap<>();
        for (String option : options) {
            int eq = option.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(SYNTAX + "; got '" + option + "' (no '=')");
            }
            String model = option.substring(0, eq).strip();
            String version = option.substring(eq + 1).strip();
            if (model.isEmpty()) {
                throw new IllegalArgumentException(SYNTAX + "; got '" + option + "' (no MODEL)");
            }
            if (model.contains(",")) {
                throw new IllegalArgumentException(SYNTAX + "; got '" + option + "' (one MODEL=VERSION per option)");
            }
            FirmwareVersion parsed;
            try {
                parsed = FirmwareVersion.parse(version);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(SYNTAX + "; got '" + option + "': " + e.getMessage(), e);
            }
            Expectation previous = byModel.put(key(model), new Expectation(model, parsed));
            if (previous != null && !previous.version().equals(parsed)) {
                throw new IllegalArgumentException("--expect-firmware names " + model + " twice, with "
                        + previous.version() + " and " + parsed);
            }
        }
        return new FirmwareExpectations(byModel);
    }

    /** From the suite parameter ({@link #toParameter()}); absent or blank means none. */
    public static FirmwareExpectations fromParameter(String value) {
        if (value == null || value.isBlank()) {
            return none();
        }
        return parse(List.of(value.split(",")));
    }

    public String toParameter() {
        List<String> options = new ArrayList<>();
        byModel.values().forEach(e -> options.add(e.model() + "=" + e.version()));
        return String.join(",", options);
    }

    public boolean isEmpty() {
        return byModel.isEmpty();
    }

    /** The expectations that name no profile in {@code profiles}: a typo, most likely. */
    public List<String> unmatched(Collection<DeviceProfile> profiles) {
        return byModel.values().stream()
                .filter(e -> profiles.stream().noneMatch(p -> matches(e, p)))
                .map(Expectation::model)
                .toList();
    }

    /** The expectation for a phone of this profile: by profile id first, then by model name. */
    public Optional<Expectation> forProfile(DeviceProfile profile) {
        Expectation byId = byModel.get(key(profile.id()));
        return byId != null ? Optional.of(byId) : Optional.ofNullable(byModel.get(key(profile.model())));
    }

    private static boolean matches(Expectation e, DeviceProfile p) {
        return key(e.model()).equals(key(p.id())) || key(e.model()).equals(key(p.model()));
    }

    private static String key(String model) {
        return model.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return toParameter();
    }
}
