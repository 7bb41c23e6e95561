package dialtone.core.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dialtone.core.VirtualLab;
import dialtone.core.backend.AdminClient;
import dialtone.core.evidence.Evidence;
import dialtone.core.failure.FailureCategory;
import dialtone.core.failure.FailureClassifier;
import dialtone.core.failure.InfrastructureProblem;
import dialtone.core.failure.ProductDefect;
import dialtone.core.phone.Phone;
import dialtone.core.portal.Browsers;
import dialtone.core.portal.DeviceLoginPortal;
import dialtone.core.screen.ProvisionPhoneScreen;
import dialtone.core.screen.ProvisioningResultScreen;
import java.time.Duration;
import java.util.Optional;
import dialtone.model.profile.Budgets;
import dialtone.model.provisioning.IssuedVerificationCode;
import dialtone.model.provisioning.ProvisioningState;
import dialtone.model.rack.TimeScale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A phone that refuses its own verification code is a product defect only when the provisioning
 * service heard it: a phone cut off the lab network says so on screen, and that is the lab's fault.
 */
class ProvisioningFlowTest {
    static VirtualLab lab;
    static AdminClient admin;
    private Phone phone;

    @BeforeAll
    static void startRack() {
        lab = VirtualLab.start(5, new TimeScale(0.01));
        admin = lab.admin();
    }

    @AfterAll
    static void stopRack() {
        admin.close();
        lab.close();
    }

    @AfterEach
    void closePhone() {
        if (phone != null) phone.close();
    }

    private ProvisioningFlow flow(String id) {
        Budgets b = lab.profile(id).budgets(); // an unheard reset is waited for 5 s, not 20
        phone = lab.phone(id, lab.profile(id).withBudgets(new Budgets(b.adbConnect(), b.boot(), Duration.ofSeconds(5),
                b.provisioning(), b.remoteSignIn(), b.signIn(), b.poll())));
        return new ProvisioningFlow(phone, admin, new Evidence(phone, () -> admin.audit(phone.mac())));
    }

    @Test
    void aSuccessScreenGoneBeforeTheHarnessLookedStillReadsAsProvisioned() {
        ProvisioningFlow flow = flow("phone-5");
        flow.factoryReset();
        flow.addMac("Lab bench");
        IssuedVerificationCode code = flow.issueCode();
        ProvisionPhoneScreen dialPad = phone.signInScreen().awaitShown().openSettings().provisionPhone();
        dialPad.dial(code.code().digits());
        ProvisioningResultScreen result = dialPad.next();
        // a starved harness: its first look comes when the phone is already back on the sign-in screen
        await("phone-5 back on the sign-in screen with its organization name").atMost(Duration.ofSeconds(60))
                .until(() -> phone.signInScreen().showsOrganizationName());

        assertThat(result.awaitOutcome()).isEqualTo(new ProvisioningResultScreen.Outcome(true, Optional.empty()));
    }

    @Test
    void aPhoneThatCannotReachTheServiceIsALabNetworkProblemNotAProductDefect() {
        ProvisioningFlow flow = flow("phone-1");
        flow.factoryReset();
        flow.addMac("Lab bench");
        IssuedVerificationCode code = flow.issueCode();
        lab.inject("phone-1", "{\"type\":\"cutBackend\"}");
        try {
            assertThatThrownBy(() -> flow.enterAndConfirm(code))
                    .isInstanceOf(InfrastructureProblem.class)
                    .hasMessageContaining("phone-1 did not reach the provisioning service")
                    .hasMessageContaining("Can't reach the provisioning service")
                    .satisfies(e -> assertThat(FailureClassifier.classify(e).category()).isEqualTo(FailureCategory.INFRASTRUCTURE));
        } finally {
            lab.clearFaults("phone-1");
        }
        assertThat(flow.enterAndConfirm(code).macAddress()).as("the same code works once the network is back")
                .isEqualTo(phone.mac());
    }

    @Test
    void aRefusalTheServiceAnsweredStaysAProductDefect() {
        ProvisioningFlow flow = flow("phone-3");
        flow.factoryReset();
        flow.addMac("Lab bench");
        IssuedVerificationCode replaced = flow.issueCode();
        flow.issueCode();
        assertThatThrownBy(() -> flow.enterAndConfirm(replaced))
                .isInstanceOf(ProductDefect.class)
                .hasMessageContaining("phone-3 refused its own verification code");
    }

    @Test
    void aResetThePhoneCouldNotTellTheServiceIsALabNetworkProblem() {
        ProvisioningFlow flow = flow("phone-2");
        flow.provision("Lab bench");
        DeviceLoginPortal portal = new DeviceLoginPortal(() -> Browsers.create("htmlunit"), Duration.ofSeconds(10));
        new SignInFlow(phone, admin, portal, new Evidence(phone)).signInRemotely("lobby@contoso.example", "pw-Lobby-1");
        lab.inject("phone-2", "{\"type\":\"cutBackend\"}");
        try {
            assertThatThrownBy(flow::factoryReset).as("the reset stage waits for the audit log to show the reset")
                    .isInstanceOf(InfrastructureProblem.class)
                    .hasMessageContaining("phone-2's factory reset did not reach the provisioning service");
            assertThatThrownBy(() -> flow.addMac("Lab bench")).as("the phone is still cut off: the service has not heard the reset")
                    .isInstanceOf(InfrastructureProblem.class)
                    .hasMessageContaining("phone-2's factory reset did not reach the provisioning service")
                    .hasMessageContaining("already provisioned and signed in");
        } finally {
            lab.clearFaults("phone-2");
        }
    }

    @Test
    void aResetTheServiceMissedIsToldBeforeTheNextCodeSoTheCodeProvisionsThePhone() {
        ProvisioningFlow flow = flow("phone-4");
        flow.provision("Lab bench");
        lab.inject("phone-4", "{\"type\":\"cutBackend\"}");
        try {
            phone.factoryReset(); // not the flow's reset stage, which would notice the unheard reset at once
        } finally {
            lab.clearFaults("phone-4");
        }
        flow.addMac("Lab bench");
        IssuedVerificationCode code = flow.issueCode();
        assertThat(flow.enterAndConfirm(code).state()).as("the phone told the service of its reset first, as a Teams phone does")
                .isEqualTo(ProvisioningState.WAITING_FOR_SIGN_IN);
    }
}
