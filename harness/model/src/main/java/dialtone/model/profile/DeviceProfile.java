package dialtone.model.profile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the harness believes about one phone model: what it reports, how to drive it and
 * how long to wait. Loaded from {@code device-profiles/<id>.yaml} by {@link DeviceProfiles}.
 *
 * @param source        the file it came from, named in every error about it
 * @param properties    getprop values the phone must report (checked before a run)
 * @param recovery      the recovery ladder's budgets (the optional {@code recovery:} section)
 * @param locators      per screen, per element (see {@link PhoneScreen})
 */
public record DeviceProfile(
        Path source,
        String id,
        String manufacturer,
        String model,
        Kind kind,
        Map<String, String> properties,
        Display display,
        List<String> androidVersions,
        FirmwareSupport firmware,
        TeamsApp teams,
        String macAddressCommand,
        String factoryResetCommand,
        Set<Feature> features,
        Budgets budgets,
        Recovery recovery,
        Map<PhoneScreen, Map<String, Locator>> locators) {

    public enum Kind { DESK_PHONE, CONFERENCE_PHONE }

    public enum Feature { HANDSET, CONFERENCE }

    public record Display(int width, int height) {}

    public record TeamsApp(String packageName, String launchActivity) {}

    /** Which firmware property holds the version, and the range this profile supports. */
    public record FirmwareSupport(String property, FirmwareVersion minimum, Optional<FirmwareVersion> maximum) {
        public boolean supports(FirmwareVersion v) {
            return v.compareTo(minimum) >= 0 && maximum.map(max -> v.compareTo(max) <= 0).orElse(true);
        }
    }

    public Locator locator(PhoneScreen screen, String element) {
        Locator l = locators.getOrDefault(screen, Map.of()).get(element);
        if (l == null) {
            throw new IllegalArgumentException("profile " + id + " (" + source + ") has no locator screens." + screen.key() + "." + element);
        }
        return l;
    }

    /** This profile with other recovery budgets (tests climb the ladder on short ones). */
    public DeviceProfile withRecovery(Recovery other) {
        return new DeviceProfile(source, id, manufacturer, model, kind, properties, display, androidVersions, firmware, teams,
                macAddressCommand, factoryResetCommand, features, budgets, other, locators);
    }

    /** This profile with other budgets (tests wait out a missing screen on short ones). */
    public DeviceProfile withBudgets(Budgets other) {
        return new DeviceProfile(source, id, manufacturer, model, kind, properties, display, androidVersions, firmware, teams,
                macAddressCommand, factoryResetCommand, features, other, recovery, locators);
    }

    public boolean has(Feature feature) {
        return features.contains(feature);
    }

    @Override
    public String toString() {
        return id + " (" + manufacturer + " " + model + ")";
    }
}
