package dialtone.model.profile;

import java.util.Locale;

/**
 * Where an element is on a phone screen, written in a profile as {@code strategy:value}:
 * {@code id:com.microsoft.skype.teams.ipphone:id/next_button}, {@code accessibility:Settings},
 * {@code xpath://android.widget.Button[@text='Next']} or {@code uiautomator:new UiSelector().text("Next")}.
 * A value may hold a placeholder such as {@code {digit}} that the harness fills in.
 */
public record Locator(Strategy strategy, String value) {

    public enum Strategy {
        ID("id"), ACCESSIBILITY("accessibility"), XPATH("xpath"), UIAUTOMATOR("uiautomator");

        private final String prefix;

        Strategy(String prefix) { this.prefix = prefix; }

        public String prefix() { return prefix; }
    }

    public Locator {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("locator value must not be empty");
        }
    }

    public static Locator parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("locator '" + text + "' must be written strategy:value with strategy one of id, accessibility, xpath, uiautomator");
        }
        String prefix = text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        for (Strategy s : Strategy.values()) {
            if (s.prefix.equals(prefix)) {
                return new Locator(s, text.substring(colon + 1).strip());
            }
        }
        throw new IllegalArgumentException("locator '" + text + "' has unknown strategy '" + prefix + "' (use id, accessibility, xpath or uiautomator)");
    }

    /** Replaces {@code {name}} with {@code replacement}. */
    public Locator with(String name, String replacement) {
        return new Locator(strategy, value.replace("{" + name + "}", replacement));
    }

    @Override
    public String toString() {
        return strategy.prefix + ":" + value;
    }
}
