package dialtone.suites.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dialtone.core.portal.PortalException;
import dialtone.core.screen.ProvisioningResultScreen;
import dialtone.core.screen.SignInScreen;
import dialtone.model.provisioning.IssuedVerificationCode;
import dialtone.model.provisioning.ProvisioningRecord;
import dialtone.model.provisioning.ProvisioningState;
import dialtone.suites.FieldGuide;
import java.time.Duration;
import org.testng.annotations.Factory;
import org.testng.annotations.Test;

/**
 * Codes past their lifetime, by moving the backend clock (test control): the device login code
 * after 15 minutes (3) and the verification code after 24 hours (4). The clock is the tenant's
 * (the whole backend's) and only moves forward, so every code in flight ages with it: this class
 * runs last, in a {@code <test>} of its own. Its phones meet ({@link RackRendezvous}) with their
 * codes in hand, and the last to arrive moves the clock once for all of them; a phone whose test
 * fails leaves, and the others go on without it.
 */
@dialtone.suites.RackWide
public class BackendClockTest extends ProvisioningTest {
    /** A device login code lives 15 minutes; one second more expires it. */
    static final Duration DEVICE_LOGIN_CODE_LIFETIME = Duration.ofMinutes(15);
    /** A verification code lives 24 hours. */
    static final Duration VERIFICATION_CODE_LIFETIME = Duration.ofHours(24);

    @Factory(dataProvider = RACK_PHONES, dataProviderClass = dialtone.suites.RackDeviceTest.class)
    public BackendClockTest(String deviceId) {
        super(deviceId);
    }

    @Test(description = "3 and 4. After 15 minutes the device login code is refused and Refresh code gives a new one; after 24 h the verification code is refused")
    public void codesAreRefusedAfterTheirLifetime() {
        describe("Codes past their lifetime", FieldGuide.SOME_DEVICES,
                "15 minutes after it was shown the device login code is refused and Refresh code gives a new one; a 24 h old verification code is refused");
        RackRendezvous rendezvous = rendezvous();
        Duration budget = phone.profile().budgets().boot().plus(phone.profile().budgets().provisioning());
        try {
            SignInScreen screen = provisioning.factoryReset();
            provisioning.addMac(location());
            IssuedVerificationCode code = provisioning.issueCode();
            ProvisioningRecord before = provisioning.tabs().awaitRecord(phone.mac(), ProvisioningState.WAITING_ON_ACTIVATION);
            String oldCode = evidence.stage("Technician reads the device login code off the sign-in screen", screen::deviceLoginCode);
            expire(rendezvous, budget, code, before, oldCode);
        } catch (RuntimeException | AssertionError e) {
            rendezvous.failed(deviceId(), e); // the other phones go on without this one, or wait for its retry
            throw e;
        }
    }

    private RackRendezvous rendezvous() {
        return RackRendezvous.of(lab, "backend clock", "codes in hand", "codes refreshed");
    }

    @Override
    public void noMoreAttempts(Throwable why) {
        rendezvous().noMoreAttempts(deviceId(), why);
    }

    private void expire(RackRendezvous rendezvous, Duration budget, IssuedVerificationCode code, ProvisioningRecord before, String oldCode) {
        var admin = lab.admin();
        evidence.backendStage("Every phone has its codes; 15 minutes pass (backend clock)", () -> {
            rendezvous.meet(deviceId(), "codes in hand", budget, () -> admin.advanceClock(DEVICE_LOGIN_CODE_LIFETIME.plusSeconds(1)));
            return null;
        });
        evidence.stage("The phone says its code expired and offers Refresh code",
                () -> phone.signInScreen().awaitCodeExpired(phone.profile().budgets().remoteSignIn()));
        var account = sharedAccount();
        PortalException refused = evidence.backendStage("Admin enters the old code on the Device Login portal: refused", () -> {
            java.util.concurrent.atomic.AtomicReference<PortalException> e = new java.util.concurrent.atomic.AtomicReference<>();
            assertThatThrownBy(() -> signIn.portalSignIn(lab.backendUrl().resolve("/devicelogin").toString(), oldCode, account.upn(),
                    lab.password(account))).isInstanceOfSatisfying(PortalException.class, e::set);
            return e.get();
        });
        assertThat(refused.pageError()).as("portal's message for an expired code").containsIgnoringCase("expired");
        String newCode = evidence.stage("Technician taps Refresh code: a new code", () -> phone.signInScreen().refreshCode());
        assertThat(newCode).isNotBlank().isNotEqualToIgnoringCase(oldCode);

        evidence.backendStage("Every phone refreshed its code; 24 hours pass since the verification codes were generated (backend clock)", () -> {
            rendezvous.meet(deviceId(), "codes refreshed", budget,
                    () -> admin.advanceClock(VERIFICATION_CODE_LIFETIME.minus(DEVICE_LOGIN_CODE_LIFETIME)));
            return null;
        });
        ProvisioningResultScreen.Outcome outcome = provisioning.answeredCode(code.code().digits(), "the 24 h old verification code");
        assertThat(outcome.provisioned()).isFalse();
        assertThat(outcome.failureMessage()).get().asString().containsIgnoringCase("expired");
        assertThat(admin.audit(phone.mac())).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo("provisioningRefused");
            assertThat(e.detail()).contains("expired_code");
        });
        ProvisioningRecord after = provisioning.tabs().awaitRecord(phone.mac(), ProvisioningState.WAITING_ON_ACTIVATION);
        assertThat(after).usingRecursiveComparison().comparingOnlyFields("macAddress", "location", "state", "verificationCodeExpiresDateTime")
                .isEqualTo(before);
    }
}
