package dialtone.model.profile;

import java.util.List;

/**
 * The phone screens the provisioning flow touches, with the elements each must locate. A profile
 * must give a locator for every element listed here; this list is the contract between the
 * harness's screen objects and the profiles.
 */
public enum PhoneScreen {
    SIGN_IN("signIn", "marker", "settingsButton", "deviceLoginCode", "organizationName", "deviceCodeExpired", "refreshCode"),
    SETTINGS("settings", "marker", "provisionPhone", "signOut"),
    PROVISION_CODE("provisionCode", "marker", "codeField", "dialPadKey", "nextButton"),
    PROVISIONING_RESULT("provisioningResult", "success", "failure", "failureMessage", "tryAgain"),
    LOCK("lockScreen", "marker", "deviceLoginCode"),
    /** Company Portal enrolment after sign-in ("Verifying a few things…", then registering). */
    COMPANY_PORTAL("companyPortal", "marker", "verifying", "registering"),
    /** Home: any variant ({@code marker}) and the variant each kind of account gets. */
    HOME("home", "marker", "signedInUser", "menu", "commonAreaHome", "userHome", "conferenceHome"),
    /** Settings → Sign out: the confirmation. */
    SIGN_OUT_CONFIRM("signOutConfirm", "marker", "confirmButton", "cancelButton"),
    /** The account's password expired: the phone asks for the current and a new one. */
    PASSWORD_EXPIRED("passwordExpired", "marker", "currentPassword", "newPassword", "updateButton", "message");

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
