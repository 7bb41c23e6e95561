package dialtone.core.flows;

import dialtone.core.backend.AdminClient;
import dialtone.core.backend.BackendException;
import dialtone.core.backend.ProvisioningTabs;
import dialtone.core.evidence.Evidence;
import dialtone.core.failure.InfrastructureProblem;
import dialtone.core.failure.ProductDefect;
import dialtone.core.phone.Phone;
import dialtone.core.screen.LocatorNotFoundException;
import dialtone.core.screen.ProvisionPhoneScreen;
import dialtone.core.screen.ProvisioningResultScreen;
import dialtone.core.screen.SignInScreen;
import dialtone.model.Mac;
import dialtone.model.audit.AuditEvent;
import dialtone.model.provisioning.IssuedVerificationCode;
import dialtone.model.provisioning.ProvisioningRecord;
import dialtone.model.provisioning.ProvisioningState;
import java.util.List;
import java.util.Set;

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
            ProvisioningRecord added;
            try {
                added = admin.addDevice(mac, location);
            } catch (BackendException e) {
                if (e.status() == 422 && !backendHeardTheReset()) {
                    throw new InfrastructureProblem(phone.id() + "'s factory reset did not reach the provisioning service (the audit log"
                            + " has no reset by the phone since it was last provisioned): lab network; the admin center says: " + e.getMessage(), e);
                }
                throw e;
            }
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
        return provisionFromFactoryState(location);
    }

    /** {@link #provision} without the reset, for a phone just reset (the recovery ladder's top rung). */
    public ProvisioningRecord provisionFromFactoryState(String location) {
        addMac(location);
        IssuedVerificationCode code = issueCode();
        return enterAndConfirm(code);
    }

    /**
     * Whether the provisioning service answered this phone since its latest verification code was
     * issued (a {@code provisioned} or {@code provisioningRefused} by the phone in the audit log).
     * A refusal the service never saw is the phone's own "cannot reach the service": the lab
     * network, not the firmware (docs/reliability.md "Telling the lab from the phone").
     */
    boolean backendHeardThePhone() {
        List<AuditEvent> events = admin.audit(phone.mac());
        int issued = -1;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).action().equals("verificationCodeIssued")) issued = i;
        }
        return events.subList(issued + 1, events.size()).stream()
                .anyMatch(e -> e.actor().equals("phone") && PHONE_ANSWERS.contains(e.action()));
    }

    /**
     * Whether the phone's latest factory reset reached the service: its {@code factoryReset} is the
     * phone's last word in the audit log after any {@code provisioned} or {@code signedIn}. A phone
     * tells the service at boot; a reset it could not tell leaves the admin center's record as it was.
     */
    boolean backendHeardTheReset() {
        List<AuditEvent> events = admin.audit(phone.mac());
        int reset = -1, bound = -1;
        for (int i = 0; i < events.size(); i++) {
            AuditEvent e = events.get(i);
            if (!e.actor().equals("phone")) continue;
            if (e.action().equals("factoryReset")) reset = i;
            if (e.action().equals("provisioned") || e.action().equals("signedIn")) bound = i;
        }
        return bound < 0 || reset > bound; // never bound: no reset to tell
    }

    private static final Set<String> PHONE_ANSWERS = Set.of("provisioned", "provisioningRefused");

    /** Dials a code that should provision the phone and checks the phone and the admin center agree. */
    public ProvisioningRecord enterAndConfirm(IssuedVerificationCode code) {
        ProvisioningResultScreen.Outcome outcome = enterCode(code.code().digits(), "its verification code");
        if (!outcome.provisioned()) {
            String message = outcome.failureMessage().orElse("(no message)");
            if (!backendHeardThePhone()) {
                throw new InfrastructureProblem(phone.id() + " did not reach the provisioning service (the admin center's audit log"
                        + " has no answer to the phone since the code was issued): lab network; the phone says: " + message);
            }
            if (!backendHeardTheReset()) {
                throw new InfrastructureProblem(phone.id() + "'s factory reset did not reach the provisioning service (the audit log"
                        + " has no reset by the phone since it was last provisioned), so the service still holds it bound:"
                        + " lab network; the phone says: " + message);
            }
            throw new ProductDefect(phone.id() + " refused its own verification code: " + message);
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
