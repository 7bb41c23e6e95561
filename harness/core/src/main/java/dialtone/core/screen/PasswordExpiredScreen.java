package dialtone.core.screen;

import dialtone.core.phone.Phone;
import dialtone.model.profile.PhoneScreen;
import java.util.Optional;

/** The account's password expired: the phone asks for the current and a new password, then Update. */
public final class PasswordExpiredScreen extends Screen<PasswordExpiredScreen> {
    public PasswordExpiredScreen(Phone phone) {
        super(phone, PhoneScreen.PASSWORD_EXPIRED);
    }

    @Override
    protected String markerElement() { return "marker"; }

    /** Types both passwords (never logged) and taps Update. */
    public PasswordExpiredScreen update(String currentPassword, String newPassword) {
        type("currentPassword", currentPassword);
        type("newPassword", newPassword);
        tap("updateButton");
        return this;
    }

    /** The phone's refusal, if it shows one now. */
    public Optional<String> message() {
        return isShowing("message") ? Optional.of(text("message")).filter(m -> !m.isBlank()) : Optional.empty();
    }
}
