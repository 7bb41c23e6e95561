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
import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

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

    /**
     * Factory reset: the phone boots to the sign-in screen, without an organization name, and has told
     * the provisioning service it was reset (the audit log shows it). A phone tells the service once, at
     * boot: a reset the lab network kept from the service is an {@link InfrastructureProblem}, and the
     * stage (a reset converges from any state) is run again.
     */
    public SignInScreen factoryReset() {
        SignInScreen signIn = evidence.stage("Factory reset: the phone boots to the sign-in screen", () -> {
            long resetsBefore = resetsHeard();
            SignInScreen screen = phone.factoryReset();
            awaitResetHeard(resetsBefore);
            return screen;
        });
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
     * The technician dials {@code digits} and presses Next; returns what the phone then shows. The dial
     * pad is reached from where the phone is: Try again after a refusal, the dial pad itself when it is
     * open and empty (a stage run again after lab trouble), else the sign-in screen's gear icon.
     */
    public ProvisioningResultScreen.Outcome enterCode(String digits, String why) {
        ProvisionPhoneScreen dialPad = evidence.stage("Technician opens the dial pad (Settings → Provision phone, or Try again)",
                this::openDialPad);
        evidence.stage("Technician dials " + why, () -> dialPad.dial(digits));
        if (!dialPad.enteredCode().equals(digits)) {
            throw new ProductDefect("the dial pad shows \"" + dialPad.enteredCode() + "\" after dialling " + digits.length() + " digits");
        }
        return evidence.stage("Next: the phone's answer to " + why, () -> dialPad.next().awaitOutcome());
    }

    private ProvisionPhoneScreen openDialPad() {
        ProvisioningResultScreen result = phone.provisioningResultScreen();
        if (result.showsRefusal()) return result.tryAgain();
        ProvisionPhoneScreen open = phone.provisionPhoneScreen();
        if (open.isShowing() && open.enteredCode().isEmpty()) return open;
        return phone.signInScreen().awaitShown().openSettings().provisionPhone();
    }

    /**
     * The technician dials {@code digits} and the provisioning service answers (provisioned or refused),
     * as the audit log shows. A refusal the service never heard (the phone could not reach it) is the lab
     * network's: the code is dialled again once the phone is back ({@link Evidence#recovering}); one the
     * service answered is returned as the phone shows it, for the test to judge.
     */
    public ProvisioningResultScreen.Outcome answeredCode(String digits, String why) {
        return evidence.recovering("Dial " + why + " until the service answers", () -> answeredOnce(digits, why));
    }

    private ProvisioningResultScreen.Outcome answeredOnce(String digits, String why) {
        long before = phoneAnswers();
        ProvisioningResultScreen.Outcome o = enterCode(digits, why);
        if (!o.provisioned() && phoneAnswers() == before) {
            throw new InfrastructureProblem(phone.id() + " did not reach the provisioning service with " + why + " (the admin center's"
                    + " audit log has no answer to the phone for it): lab network; the phone says: " + o.failureMessage().orElse("(no message)"));
        }
        return o;
    }

    /** How many times the provisioning service answered the phone (provisioned or refused), per the audit log. */
    long phoneAnswers() {
        return admin.audit(phone.mac()).stream().filter(e -> e.actor().equals("phone") && PHONE_ANSWERS.contains(e.action())).count();
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

    /**
     * Whether the service provisioned the phone since its latest verification code was issued (a
     * {@code provisioned} by the phone in the audit log): the code went through, whatever the phone
     * showed before lab trouble interrupted the look.
     */
    boolean provisionedSinceCode() {
        List<AuditEvent> events = admin.audit(phone.mac());
        int issued = -1;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).action().equals("verificationCodeIssued")) issued = i;
        }
        return issued >= 0 && events.subList(issued + 1, events.size()).stream()
                .anyMatch(e -> e.actor().equals("phone") && e.action().equals("provisioned"));
    }

    /**
     * Waits (screen budget) until the service shows it heard the reset: a new {@code factoryReset} by the
     * phone in this tenant's audit log, or — when the phone was bound elsewhere, so this tenant is not told —
     * a device login code on the sign-in screen (the phone tells the service of its reset at boot, then asks
     * it for the code: a code means it reached the service). Neither: the lab network kept the reset from
     * the service, which still holds the phone bound.
     */
    private void awaitResetHeard(long resetsBefore) {
        try {
            await(phone.id() + " factory reset heard by the provisioning service")
                    .atMost(phone.profile().budgets().screen())
                    .pollInterval(phone.profile().budgets().poll())
                    .pollDelay(java.time.Duration.ZERO)
                    .pollInSameThread()
                    .until(() -> resetsHeard() > resetsBefore || phone.signInScreen().showsDeviceLoginCode());
        } catch (ConditionTimeoutException e) {
            throw new InfrastructureProblem(phone.id() + "'s factory reset did not reach the provisioning service (no new reset by the"
                    + " phone in the audit log and no device login code on its sign-in screen " + phone.profile().budgets().screen().toSeconds()
                    + " s after it booted): lab network");
        }
    }

    /** How many factory resets by the phone this tenant's audit log shows. */
    private long resetsHeard() {
        return admin.audit(phone.mac()).stream().filter(e -> e.actor().equals("phone") && e.action().equals("factoryReset")).count();
    }

    private static final Set<String> PHONE_ANSWERS = Set.of("provisioned", "provisioningRefused");

    /** Dials a code that should provision the phone and checks the phone and the admin center agree. */
    public ProvisioningRecord enterAndConfirm(IssuedVerificationCode code) {
        // a refusal the service never saw, or lab trouble under the dial pad, is absorbed here: the technician
        // dials the same code again once the phone is back (the service never counted the lost attempt)
        ProvisioningResultScreen.Outcome outcome = evidence.recovering("Provision with its verification code",
                () -> provisionedSinceCode() ? new ProvisioningResultScreen.Outcome(true, java.util.Optional.empty())
                        : answeredOnce(code.code().digits(), "its verification code"));
        if (!outcome.provisioned()) {
            String message = outcome.failureMessage().orElse("(no message)");
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
