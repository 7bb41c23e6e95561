package dialtone.core.screen;

import dialtone.core.phone.Phone;
import dialtone.model.profile.PhoneScreen;
import java.util.Optional;

/** The Teams sign-in screen: device login code, gear icon, and the org name once provisioned. */
public final class SignInScreen extends Screen<SignInScreen> {
    public SignInScreen(Phone phone) {
        super(phone, PhoneScreen.SIGN_IN);
    }

    @Override
    protected String markerElement() { return "marker"; }

    /** The organization name the phone shows, empty before it is provisioned. */
    public Optional<String> organizationName() {
        awaitShown();
        return isShowing("organizationName") ? Optional.of(element("organizationName").getText()) : Optional.empty();
    }

    /** Waits until the phone shows an organization name and returns it. */
    public String awaitOrganizationName() {
        return element("organizationName").getText();
    }

    public String deviceLoginCode() {
        return element("deviceLoginCode").getText();
    }

    /** Gear icon → Settings. */
    public SettingsScreen openSettings() {
        element("settingsButton").click();
        return phone.settingsScreen().awaitShown();
    }
}
