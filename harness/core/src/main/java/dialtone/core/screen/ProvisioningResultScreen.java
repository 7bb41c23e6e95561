package dialtone.core.screen;

import dialtone.core.phone.Phone;
import dialtone.model.profile.PhoneScreen;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.awaitility.Awaitility.await;

/** What the phone shows after "several seconds" of processing a verification code. */
public final class ProvisioningResultScreen extends Screen<ProvisioningResultScreen> {
    private static final Logger log = LoggerFactory.getLogger(ProvisioningResultScreen.class);
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

    /**
     * Waits (provisioning budget) for the phone's answer: the success screen, or a refusal with its
     * message. The success screen shows for a few seconds only; a harness that looks too late (a starved
     * host, a slow link to the Appium server) finds the phone already back on the sign-in screen with the
     * organization name, which is where a provisioned phone goes, so that also reads as provisioned.
     */
    public Outcome awaitOutcome() {
        AtomicReference<Outcome> seen = new AtomicReference<>();
        try {
            await(phone.id() + " provisioning result")
                    .atMost(phone.profile().budgets().provisioning())
                    .pollInterval(phone.profile().budgets().poll())
                    .pollDelay(java.time.Duration.ZERO)
                    .pollInSameThread()
                    .until(() -> {
                        seen.set(showing());
                        return seen.get() != null;
                    });
        } catch (ConditionTimeoutException e) {
            throw new LocatorNotFoundException(phone.profile(), screen(), "success or failure", locator("success"),
                    phone.profile().budgets().provisioning());
        }
        return seen.get();
    }

    /** The answer the phone shows now, null while it is still processing. */
    private Outcome showing() {
        if (isShowing("success")) return new Outcome(true, Optional.empty());
        if (isShowing("failure")) return new Outcome(false, Optional.of(text("failureMessage")));
        if (phone.signInScreen().showsOrganizationName()) {
            log.info("{}: the success screen had gone when the harness looked; the phone is back on the sign-in screen"
                    + " with its organization name: provisioned", phone.id());
            return new Outcome(true, Optional.empty());
        }
        return null;
    }
}
