package dialtone.suites;

import dialtone.model.profile.DeviceProfile;
import dialtone.model.profile.FirmwareVersion;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/** Capability gating: does a test's {@link Requires} fit a phone's profile and firmware? */
public final class Applicability {
    private Applicability() {}

    /** The method's requirement, else its class's (the nearest declaring one), if any. */
    public static Optional<Requires> of(Method test) {
        Requires onMethod = test.getAnnotation(Requires.class);
        if (onMethod != null) return Optional.of(onMethod);
        for (Class<?> c = test.getDeclaringClass(); c != null; c = c.getSuperclass()) {
            Requires onClass = c.getAnnotation(Requires.class);
            if (onClass != null) return Optional.of(onClass);
        }
        return Optional.empty();
    }

    /**
     * Why the test does not apply ("not applicable on CCX 600: needs a handset"), or empty when it
     * does. {@code firmware} is read only when the requirement names a firmware range.
     */
    public static Optional<String> whyNot(Requires requires, DeviceProfile profile, Supplier<FirmwareVersion> firmware) {
        List<String> missing = new ArrayList<>();
        for (DeviceProfile.Feature f : requires.value()) {
            if (!profile.has(f)) missing.add("a " + f.name().toLowerCase(Locale.ROOT));
        }
        Optional<FirmwareVersion> min = version(requires.minFirmware(), "minFirmware");
        Optional<FirmwareVersion> max = version(requires.maxFirmware(), "maxFirmware");
        if (min.isPresent() || max.isPresent()) {
            FirmwareVersion v = firmware.get();
            if (min.isPresent() && v.compareTo(min.get()) < 0) missing.add("firmware " + min.get() + " or later (has " + v + ")");
            if (max.isPresent() && v.compareTo(max.get()) > 0) missing.add("firmware " + max.get() + " or earlier (has " + v + ")");
        }
        if (missing.isEmpty()) return Optional.empty();
        return Optional.of("not applicable on " + profile.model() + ": needs " + String.join(" and ", missing));
    }

    private static Optional<FirmwareVersion> version(String text, String key) {
        if (text.isBlank()) return Optional.empty();
        try {
            return Optional.of(FirmwareVersion.parse(text));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("@Requires(" + key + " = \"" + text + "\"): " + e.getMessage(), e);
        }
    }
}
