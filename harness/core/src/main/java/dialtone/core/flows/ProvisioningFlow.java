package dialtone.core.flows;

import dialtone.core.backend.AdminClient;
import dialtone.core.backend.ProvisioningTabs;
import dialtone.core.evidence.Evidence;
import dialtone.core.failure.ProductDefect;
import dialtone.core.phone.Phone;
import dialtone.core.screen.LocatorNotFoundException;
import dialtone.core.screen.ProvisionPhoneScreen;
import dialtone.core.screen.ProvisioningResultScreen;
import dialtone.core.screen.SignInScreen;
import dialtone.model.Mac;
import dialtone.model.provisioning.IssuedVerificationCode;
import dialtone.model.provisioning.ProvisioningRecord;
import dialtone.model.provisioning.ProvisioningState;

/**
 * The field guide's "Prepare Device" and "Provision Device" on one phone, stage by stage, each an
 * evidence step: factory reset → the admin adds the MAC → a verification code → the technician
 * dials it → the phone's answer. {@link #provision(String)} chains them and checks the result on
 * the phone and in the admin center. Knows nothing of the simulator: it works on a real rack.
 */
public final class ProvisioningFlow {
    private final Phone phone;
    private final AdminClient admin;
    private final Evidence evidence;
    private final ProvisioningTabs tabs;

    public ProvisioningFlow(Phone phone, AdminClient admin, Evidence evidence) {
        this.phone = phone;
        this.admin = admin;
        this.evidence = evidence;
        this.tabs = new ProvisioningTabs(admin, phone.profile().budgets());
    }

    public ProvisioningTabs tabs() { return tabs; }

    /** Factory reset: the phone boots to the sign-in screen, without an organization name. */
    public SignInScreen factoryReset() {
        SignInScreen signIn = evidence.stage("Factory reset: the phone boots to the sign-in screen", phone::factoryReset);
        if (signIn.organizationName().isPresent()) {
            throw new ProductDefect(phone.id() + ": still shows organization \"" + signIn.organizationName().get()
                    + "\" after a factory reset");
        }
        return signIn;
    }

    /** Removes any record an earlier test left for this MAC, then adds it at {@code location}: Waiting on activation. */
    public ProvisioningRecord addMac(String location) {
        Mac mac = phone.mac();
        return evidence.backendStage("Admin adds the MAC address " + mac + " with its location", () -> {
            tabs.forget(mac);
            ProvisioningRecord added = admin.addDevice(mac, location);
            if (added.state() != ProvisioningState.WAITING_ON_ACTIVATION) {
                throw new ProductDefect("a new MAC address shows " + added.state() + ", not Waiting on activation");
            }
            return tabs.awaitRecord(mac, ProvisioningState.WAITING_ON_ACTIVATION);
        });
    }

    public IssuedVerificationCode issueCode() {
        return evidence.backendStage("Admin generates a verification code", () -> admin.issueVerificationCode(phone.mac()));
    }

    /**
     * The technician dials {@code digits} (from the sign-in screen's gear icon, or with Try again
     * after a refusal) and presses Next; returns what the phone then shows.
     */
    public ProvisioningResultScreen.Outcome enterCode(String digits, String why) {
        ProvisioningResultScreen result = phone.provisioningResultScreen();
        ProvisionPhoneScreen dialPad = result.showsRefusal()
                ? evidence.stage("Technician taps Try again: the dial pad", result::tryAgain)
                : evidence.stage("Technician opens Settings → Provision phone",
                        () -> phone.signInScreen().awaitShown().openSettings().provisionPhone());
        evidence.stage("Technician dials " + why, () -> dialPad.dial(digits));
        if (!dialPad.enteredCode().equals(digits)) {
            throw new ProductDefect("the dial pad shows \"" + dialPad.enteredCode() + "\" after dialling " + digits.length() + " digits");
        }
        return evidence.stage("Next: the phone's answer to " + why, () -> dialPad.next().awaitOutcome());
    }

    /**
     * Factory reset, add, code, dial, then checks the phone provisioned itself, shows the tenant's
     * organization name and waits in "Waiting for sign in"; returns that record.
     */
    public ProvisioningRecord provision(String location) {
        factoryReset();
        addMac(location);
        IssuedVerificationCode code = issueCode();
        return enterAndConfirm(code);
    }

    /** Dials a code that should provision the phone and checks the phone and the admin center agree. */
    public ProvisioningRecord enterAndConfirm(IssuedVerificationCode code) {
        ProvisioningResultScreen.Outcome outcome = enterCode(code.code().digits(), "its verification code");
        if (!outcome.provisioned()) {
            throw new ProductDefect(phone.id() + " refused its own verification code: " + outcome.failureMessage().orElse("(no message)"));
        }
        String organization = admin.tenant().organizationName();
        evidence.stage("The sign-in screen shows the organization name", () -> {
            SignInScreen signIn = phone.signInScreen().awaitShown();
            String shown;
            try {
                shown = signIn.awaitOrganizationName();
            } catch (LocatorNotFoundException e) {
                if (!signIn.isShowing()) throw e;
                // the phone is on its sign-in screen and the backend bound it: the firmware lost the name
                throw new ProductDefect(phone.id() + " accepted its verification code but its sign-in screen shows no"
                        + " organization name (expected \"" + organization + "\")", e);
            }
            if (!shown.equals(organization)) {
                throw new ProductDefect(phone.id() + " shows organization \"" + shown + "\", expected \"" + organization + "\"");
            }
            return shown;
        });
        return evidence.backendStage("Admin center: Waiting for sign in",
                () -> tabs.awaitRecord(phone.mac(), ProvisioningState.WAITING_FOR_SIGN_IN));
    }
}
