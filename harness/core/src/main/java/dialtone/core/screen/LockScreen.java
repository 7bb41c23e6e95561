package dialtone.core.screen;

import dialtone.core.phone.Phone;
import dialtone.model.profile.PhoneScreen;

/** Remote sign-in in progress: nobody can use the phone; it shows the device login code. */
public final class LockScreen extends Screen<LockScreen> {
    public LockScreen(Phone phone) {
        super(phone, PhoneScreen.LOCK);
    }

    @Override
    protected String markerElement() { return "marker"; }

    public String deviceLoginCode() {
        return text("deviceLoginCode");
    }
}
