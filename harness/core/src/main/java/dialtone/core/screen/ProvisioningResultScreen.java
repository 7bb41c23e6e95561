package dialtone.core.screen;

import dialtone.core.phone.Phone;
import dialtone.model.profile.PhoneScreen;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/** What the phone shows after "several seconds" of processing a verification code. */
public final class ProvisioningResultScreen extends Screen<ProvisioningResultScreen> {
    public ProvisioningResultScreen(Phone phone) {
        super(phone, PhoneScreen.PROVISIONING_RESULT);
    }

    @Override
    protected String markerElement() { return "success"; }

    /** Provisioned, or refused with the phone's message; waits within the provisioning budget. */
    public record Outcome(boolean provisioned, Optional<String> failureMessage) {}

    /** Whether a refusal shows now (so Try again leads back to the dial pad). */
    public boolean showsRefusal() {
        return isShowing("failure");
    }

    /** Try again after a refusal: back to an empty dial pad. */
    public ProvisionPhoneScreen tryAgain() {
        tap("tryAgain");
        return phone.provisionPhoneScreen().awaitShown();
    }

    public Outcome awaitOutcome() {
        try {
            await(phone.id() + " provisioning result")
                    .atMost(phone.profile().budgets().provisioning())
                    .pollInterval(phone.profile().budgets().poll())
                    .pollDelay(java.time.Duration.ZERO)
                    .pollInSameThread()
                    .until(() -> isShowing("success") || isShowing("failure"));
        } catch (ConditionTimeoutException e) {
            throw new LocatorNotFoundException(phone.profile(), screen(), "success or failure", locator("success"),
                    phone.profile().budgets().provisioning());
        }
        if (isShowing("success")) {
            return new Outcome(true, Optional.empty());
        }
        return new Outcome(false, Optional.of(text("failureMessage")));
    }
}
