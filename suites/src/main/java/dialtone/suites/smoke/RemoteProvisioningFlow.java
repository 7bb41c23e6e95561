package dialtone.suites.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import dialtone.core.backend.AdminClient;
import dialtone.core.backend.ProvisioningTabs;
import dialtone.core.evidence.Evidence;
import dialtone.core.lab.Lab;
import dialtone.core.phone.Phone;
import dialtone.core.screen.ProvisionPhoneScreen;
import dialtone.core.screen.ProvisioningResultScreen;
import dialtone.core.screen.SettingsScreen;
import dialtone.core.screen.SignInScreen;
import dialtone.model.Mac;
import dialtone.model.SignInMode;
import dialtone.model.provisioning.IssuedVerificationCode;
import dialtone.model.provisioning.ProvisioningRecord;
import dialtone.model.provisioning.ProvisioningState;
import dialtone.model.provisioning.RemoteSignIn;
import dialtone.model.provisioning.UserStatus;
import dialtone.model.rack.Rack;
import java.util.Locale;

/**
 * The smoke flow, the field guide's provisioning process on one phone end to end: factory reset,
 * Provision phone with a verification code, remote sign-in through the Device Login portal, each
 * stage an Allure step. The smoke, firmware and soak suites run it.
 */
public final class RemoteProvisioningFlow {
    private final Lab lab;
    private final Phone phone;
    private final Evidence evidence;

    public RemoteProvisioningFlow(Lab lab, Phone phone, Evidence evidence) {
        this.lab = lab;
        this.phone = phone;
        this.evidence = evidence;
    }

    /** Runs the whole flow; the phone ends signed in as the rack's Common Area Phone account. Returns its MAC. */
    public Mac run() {
        AdminClient admin = lab.admin();
        ProvisioningTabs tabs = new ProvisioningTabs(admin, phone.profile().budgets());
        Rack.Account account = lab.rack().account(SignInMode.COMMON_AREA);

        SignInScreen signIn = evidence.stage("Factory reset: the phone boots to the sign-in screen", phone::factoryReset);
        assertThat(signIn.organizationName()).as("organization name on a factory-reset phone").isEmpty();
        Mac mac = phone.mac();
        tabs.forget(mac);

        ProvisioningRecord added = evidence.backendStage("Admin adds the MAC address with its location",
                () -> admin.addDevice(mac, "Dialtone rack " + lab.rack().name() + " / " + phone.id()));
        assertThat(added.state()).isEqualTo(ProvisioningState.WAITING_ON_ACTIVATION);
        assertThat(tabs.awaitRecord(mac, ProvisioningState.WAITING_ON_ACTIVATION).location()).isEqualTo(added.location());

        IssuedVerificationCode code = evidence.backendStage("Admin generates a verification code", () -> admin.issueVerificationCode(mac));

        SettingsScreen settings = evidence.stage("Technician taps the gear icon: Settings", signIn::openSettings);
        ProvisionPhoneScreen dialPad = evidence.stage("Technician opens Provision phone: the dial pad", settings::provisionPhone);
        evidence.stage("Technician dials the verification code", () -> dialPad.dial(code.code().digits()));
        assertThat(dialPad.enteredCode()).isEqualTo(code.code().digits());
        ProvisioningResultScreen.Outcome outcome = evidence.stage("Next: the phone provisions itself", () -> dialPad.next().awaitOutcome());
        assertThat(outcome.failureMessage()).as("message on the phone").isEmpty();
        assertThat(outcome.provisioned()).isTrue();

        String organization = evidence.stage("The sign-in screen shows the organization name",
                () -> phone.signInScreen().awaitShown().awaitOrganizationName());
        lab.rack().backend().organizationName().ifPresent(expected -> assertThat(organization).isEqualTo(expected));
        ProvisioningRecord provisioned = evidence.backendStage("Admin center: Waiting for sign in, Signed out",
                () -> tabs.awaitRecord(mac, ProvisioningState.WAITING_FOR_SIGN_IN));
        assertThat(provisioned.userStatus()).isEqualTo(UserStatus.SIGNED_OUT);

        RemoteSignIn remote = evidence.backendStage("Admin signs the phone in remotely", () -> admin.remoteSignIn(mac));
        String shown = evidence.stage("The phone locks and shows the device login code",
                () -> phone.lockScreen().awaitShown(phone.profile().budgets().remoteSignIn()).deviceLoginCode());
        assertThat(shown).isEqualToIgnoringCase(remote.userCode().toString());

        evidence.backendStage("Admin enters the code (in lower case) on the Device Login portal and signs in " + account.upn(),
                () -> {
                    lab.portal().signIn(remote.verificationUri(), remote.userCode().toString().toLowerCase(Locale.ROOT), account.upn(), lab.password(account));
                    return null;
                });

        String user = evidence.stage("The phone reaches the Common Area Phone home screen",
                () -> phone.homeScreen().awaitShown(phone.profile().budgets().signIn()).signedInUser());
        assertThat(user).isEqualTo(account.displayName().orElse(account.upn()));
        evidence.backendStage("Admin center: signed in, gone from Waiting for sign in", () -> {
            tabs.awaitSignedIn(mac, account.displayName().orElse(account.upn()));
            return null;
        });
        // Phones of the rack run at once, so tenant-wide counts move under us: check this phone's record.
        assertThat(admin.devices(ProvisioningState.WAITING_FOR_SIGN_IN)).extracting(ProvisioningRecord::macAddress).doesNotContain(mac);
        return mac;
    }
}
