package dialtone.core.screen;

import dialtone.core.phone.Phone;
import dialtone.model.profile.PhoneScreen;

/** Settings → Sign out: "Sign out?" with Sign out and Cancel. */
public final class SignOutConfirmScreen extends Screen<SignOutConfirmScreen> {
    public SignOutConfirmScreen(Phone phone) {
        super(phone, PhoneScreen.SIGN_OUT_CONFIRM);
    }

    @Override
    protected String markerElement() { return "marker"; }

    /** Confirms: the phone signs out and shows the sign-in screen with a new device login code. */
    public SignInScreen confirm() {
        tap("confirmButton");
        return phone.signInScreen().awaitShown(phone.profile().budgets().signIn());
    }
}
