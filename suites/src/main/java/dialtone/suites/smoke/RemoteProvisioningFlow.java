package dialtone.suites.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import dialtone.core.evidence.Evidence;
import dialtone.core.flows.ProvisioningFlow;
import dialtone.core.flows.SignInFlow;
import dialtone.core.lab.Lab;
import dialtone.core.phone.Phone;
import dialtone.model.Mac;
import dialtone.model.SignInMode;
import dialtone.model.provisioning.ProvisioningRecord;
import dialtone.model.provisioning.ProvisioningState;
import dialtone.model.provisioning.UserStatus;
import dialtone.model.rack.Rack;

/**
 * The smoke flow, the field guide's provisioning process on one phone end to end: factory reset,
 * Provision phone with a verification code, remote sign-in through the Device Login portal, each
 * stage an Allure step. Built from the core flows ({@link ProvisioningFlow}, {@link SignInFlow});
 * the smoke, firmware and soak suites run it.
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
        ProvisioningFlow provisioning = new ProvisioningFlow(phone, lab.admin(), evidence);
        SignInFlow signIn = new SignInFlow(phone, lab.admin(), lab.portal(), evidence);
        Rack.Account account = lab.rack().account(SignInMode.COMMON_AREA);
        String displayName = account.displayName().orElse(account.upn());
        Mac mac = phone.mac();

        provisioning.factoryReset();
        ProvisioningRecord added = provisioning.addMac("Dialtone rack " + lab.rack().name() + " / " + phone.id());
        ProvisioningRecord provisioned = provisioning.enterAndConfirm(provisioning.issueCode());
        assertThat(provisioned.location()).isEqualTo(added.location());
        assertThat(provisioned.userStatus()).isEqualTo(UserStatus.SIGNED_OUT);
        lab.rack().backend().organizationName().ifPresent(expected -> assertThat(evidence.stage("The sign-in screen shows the rack's organization",
                () -> phone.signInScreen().organizationName())).as("organization name on the phone").contains(expected));

        assertThat(signIn.signInRemotely(account.upn(), lab.password(account)).signedInUser()).isEqualTo(displayName);

        evidence.backendStage("Admin center: signed in, gone from Waiting for sign in", () -> {
            provisioning.tabs().awaitSignedIn(mac, displayName);
            return null;
        });
        // Phones of the rack run at once, so tenant-wide counts move under us: check this phone's record.
        assertThat(lab.admin().devices(ProvisioningState.WAITING_FOR_SIGN_IN)).extracting(ProvisioningRecord::macAddress).doesNotContain(mac);
        return mac;
    }
}
