package dialtone.model.profile;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The recovery ladder's budgets for one model (the profile's {@code recovery:} section): for each
 * rung how many times it is tried and how long its health check may wait for the phone to be usable
 * again; how long a power cycle keeps the phone off; and how long collecting evidence after a failure
 * may take. Every key is optional; {@link #DEFAULTS} are the documented defaults.
 *
 * @param diagnostics the cap on capturing evidence (page source, screenshot, logcat, audit) after a failure
 */
public record Recovery(Map<Rung, Step> steps, Duration powerOffFor, Duration diagnostics) {

    /** The rungs, cheapest first: the ladder climbs them in this order. */
    public enum Rung {
        RECONNECT_ADB("reconnectAdb"),
        NEW_APPIUM_SESSION("newAppiumSession"),
        RESTART_APP("restartApp"),
        REBOOT("reboot"),
        POWER_CYCLE("powerCycle"),
        FACTORY_RESET("factoryReset");

        private final String key;

        Rung(String key) { this.key = key; }

        /** The profile key and the name in {@code recovery.jsonl}, e.g. {@code newAppiumSession}. */
        public String key() { return key; }

        public static Optional<Rung> named(String key) {
            return Arrays.stream(values()).filter(r -> r.key.equals(key)).findFirst();
        }

        public static String keys() {
            return Arrays.stream(values()).map(Rung::key).collect(Collectors.joining(", "));
        }

        @Override
        public String toString() { return key; }
    }

    /**
     * @param attempts how many times the rung's action and health check run (0: the rung is skipped)
     * @param timeout  how long one health check after the action may wait for the phone
     */
    public record Step(int attempts, Duration timeout) {}

    public static final Recovery DEFAULTS = new Recovery(defaultSteps(), Duration.ofSeconds(10), Duration.ofSeconds(60));

    public Recovery {
        EnumMap<Rung, Step> all = new EnumMap<>(Rung.class);
        all.putAll(steps);
        for (Rung r : Rung.values()) {
            if (!all.containsKey(r)) throw new IllegalArgumentException("no budget for rung " + r);
        }
        steps = java.util.Collections.unmodifiableMap(all);
    }

    public Step step(Rung rung) {
        return steps.get(rung);
    }

    /** A copy with one rung's budget replaced. */
    public Recovery with(Rung rung, Step step) {
        EnumMap<Rung, Step> s = new EnumMap<>(steps);
        s.put(rung, step);
        return new Recovery(s, powerOffFor, diagnostics);
    }

    private static Map<Rung, Step> defaultSteps() {
        EnumMap<Rung, Step> s = new EnumMap<>(Rung.class);
        s.put(Rung.RECONNECT_ADB, new Step(2, Duration.ofSeconds(10)));
        s.put(Rung.NEW_APPIUM_SESSION, new Step(2, Duration.ofSeconds(30)));
        s.put(Rung.RESTART_APP, new Step(1, Duration.ofSeconds(60)));
        s.put(Rung.REBOOT, new Step(1, Duration.ofSeconds(300)));
        s.put(Rung.POWER_CYCLE, new Step(1, Duration.ofSeconds(300)));
        s.put(Rung.FACTORY_RESET, new Step(1, Duration.ofSeconds(600)));
        return s;
    }
}
