package dialtone.simulator.ui;

import java.util.Arrays;
import java.util.Objects;

/** A W3C/Appium element locator: a strategy ({@code using}) and its value. */
public record Locator(Strategy strategy, String value) {

    public enum Strategy {
        /** resource-id; a bare name is completed with the app package, as UiAutomator2 does. */
        ID("id"),
        /** content-desc. */
        ACCESSIBILITY_ID("accessibility id"),
        /** the node's Android class, e.g. {@code android.widget.Button}. */
        CLASS_NAME("class name"),
        /** XPath 1.0 over the page source. */
        XPATH("xpath"),
        /** A {@code new UiSelector()...} chain (attribute methods and instance/index only). */
        ANDROID_UIAUTOMATOR("-android uiautomator");

        private final String wireName;

        Strategy(String wireName) {
            this.wireName = wireName;
        }

        /** The name the client sends as {@code using}. */
        public String wireName() {
            return wireName;
        }
    }

    public Locator {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(value, "value");
    }

    /** Parses the {@code using} of a find request; unknown strategies are an invalid selector. */
    public static Locator parse(String using, String value) {
        for (Strategy s : Strategy.values()) {
            if (s.wireName.equals(using)) {
                return new Locator(s, value);
            }
        }
        throw new InvalidSelectorException("Locator strategy '" + using + "' is not supported by the virtual phone; use one of "
                + Arrays.stream(Strategy.values()).map(s -> "'" + s.wireName + "'").toList());
    }

    public static Locator id(String v) { return new Locator(Strategy.ID, v); }
    public static Locator accessibilityId(String v) { return new Locator(Strategy.ACCESSIBILITY_ID, v); }
    public static Locator className(String v) { return new Locator(Strategy.CLASS_NAME, v); }
    public static Locator xpath(String v) { return new Locator(Strategy.XPATH, v); }
    public static Locator uiAutomator(String v) { return new Locator(Strategy.ANDROID_UIAUTOMATOR, v); }

    @Override
    public String toString() {
        return strategy.wireName + "=" + value;
    }
}
