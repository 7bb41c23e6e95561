package dialtone.model.profile;

import java.util.List;

/**
 * The phone screens the provisioning flow touches, with the elements each must locate. A profile
 * must give a locator for every element listed here; this list is the contract between the
 * harness's screen objects and the profiles.
 */
public enum PhoneScreen {
    SIGN_IN("signIn", "marker", "settingsButton", "deviceLoginCode", "organizationName"),
    SETTINGS("settings", "marker", "provisionPhone"),
    PROVISION_CODE("provisionCode", "marker", "codeField", "dialPadKey", "nextButton"),
    PROVISIONING_RESULT("provisioningResult", "success", "failure", "failureMessage"),
    LOCK("lockScreen", "marker", "deviceLoginCode"),
    HOME("home", "marker", "signedInUser");

    private final String key;
    private final List<String> elements;

    PhoneScreen(String key, String... elements) {
        this.key = key;
        this.elements = List.of(elements);
    }

    /** The screen's key in a profile's {@code screens:} mapping. */
    public String key() { return key; }

    public List<String> elements() { return elements; }
}
