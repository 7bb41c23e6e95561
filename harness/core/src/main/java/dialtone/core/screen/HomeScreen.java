package dialtone.core.screen;

import dialtone.core.phone.Phone;
import dialtone.model.profile.PhoneScreen;

/** The home screen for the signed-in account's policy (e.g. Common Area Phone). */
public final class HomeScreen extends Screen<HomeScreen> {
    public HomeScreen(Phone phone) {
        super(phone, PhoneScreen.HOME);
    }

    @Override
    protected String markerElement() { return "marker"; }

    /** Whether the Common Area Phone home shows (not the user or meeting-room home). */
    public boolean isCommonAreaHome() {
        return isShowing("commonAreaHome");
    }

    public boolean isConferenceHome() {
        return isShowing("conferenceHome");
    }

    /** More options → Settings. */
    public SettingsScreen openSettings() {
        tap("menu");
        return phone.settingsScreen().awaitShown();
    }

    public String signedInUser() {
        return text("signedInUser");
    }
}
