package dialtone.core.screen;

import dialtone.core.phone.Phone;
import dialtone.model.profile.PhoneScreen;

/** Settings, reached from the sign-in screen's gear icon. */
public final class SettingsScreen extends Screen<SettingsScreen> {
    public SettingsScreen(Phone phone) {
        super(phone, PhoneScreen.SETTINGS);
    }

    @Override
    protected String markerElement() { return "marker"; }

    /** Provision phone (Provision device on newer firmware) → the dial pad. */
    public ProvisionPhoneScreen provisionPhone() {
        tap("provisionPhone");
        return phone.provisionPhoneScreen().awaitShown();
    }

    /** Sign out (signed-in phones) → the confirmation. */
    public SignOutConfirmScreen signOut() {
        tap("signOut");
        return phone.signOutConfirmScreen().awaitShown();
    }
}
