package dialtone.core.screen;

import dialtone.core.phone.Phone;
import dialtone.model.profile.PhoneScreen;

/** Provision phone: the dial pad where the technician enters the verification code. */
public final class ProvisionPhoneScreen extends Screen<ProvisionPhoneScreen> {
    public ProvisionPhoneScreen(Phone phone) {
        super(phone, PhoneScreen.PROVISION_CODE);
    }

    @Override
    protected String markerElement() { return "marker"; }

    /** Taps the code in on the dial pad, digit by digit, as a technician would. */
    public ProvisionPhoneScreen dial(String code) {
        for (char digit : code.toCharArray()) {
            tap("dialPadKey", locator("dialPadKey").with("digit", String.valueOf(digit)), phone.profile().budgets().screen());
        }
        return this;
    }

    /** What the code field shows. */
    public String enteredCode() {
        return text("codeField");
    }

    /** Next: the phone processes the code; the result screen follows. */
    public ProvisioningResultScreen next() {
        tap("nextButton", locator("nextButton"), phone.profile().budgets().screen());
        return phone.provisioningResultScreen();
    }
}
