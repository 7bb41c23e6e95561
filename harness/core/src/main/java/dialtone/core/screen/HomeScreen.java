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

    public String signedInUser() {
        return element("signedInUser").getText();
    }
}
