package dialtone.suites.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dialtone.core.failure.EnvironmentProblem;
import dialtone.core.failure.FailureCategory;
import dialtone.core.failure.FailureClassifier;
import dialtone.core.failure.InfrastructureProblem;
import dialtone.core.screen.HomeScreen;
import dialtone.suites.FieldGuide;
import dialtone.suites.Requires;
import java.util.List;
import org.testng.annotations.Factory;
import org.testng.annotations.Test;

/**
 * "10. Intune enrolment": with enrolment required, the phone goes through Company Portal after the
 * sign-in. Allowed: its screens, then home. Blocked: the field guide's sign-in loop, which the
 * sign-in flow must report as an environment/policy problem (never as a phone defect). Each method
 * runs in a {@code <test>} of its own whose {@link TenantPolicy} sets the tenant (suites/provisioning.xml).
 * Firmware 6.2 and older does not enrol, so the scenario needs 7.0 or newer.
 */
@Requires(minFirmware = "7.0")
public class IntuneEnrolmentTest extends ProvisioningTest {

    @Factory(dataProvider = RACK_PHONES, dataProviderClass = dialtone.suites.RackDeviceTest.class)
    public IntuneEnrolmentTest(String deviceId) {
        super(deviceId);
    }

    @Test(description = "10a. Intune enrolment required and allowed: Company Portal screens, then home")
    public void enrolmentAllowedShowsCompanyPortalThenHome() {
        describe("Intune enrolment allowed", FieldGuide.SIGN_IN,
                "The tenant requires Intune enrolment and allows it: Company Portal verifies and registers, then home");
        assertThat(lab.admin().tenant().intuneEnrollmentRequired()).as("tenant requires enrolment (suite's TenantPolicy)").isTrue();
        provisioning.provision(location());
        String mark = phone.logMark();
        var account = sharedAccount();
        HomeScreen home = signIn.signInRemotely(account.upn(), lab.password(account));
        assertSharedAccountHome(home);
        // Each Company Portal screen lasts seconds (a fraction of one on a fast virtual rack): the phone's log proves both showed.
        List<String> log = evidence.stage("The phone's log: Company Portal verified, enrolled and registered the phone", () -> phone.logcatSince(mark));
        assertThat(log).as("phone log since the sign-in").anyMatch(l -> l.contains("-> COMPANY_PORTAL") || l.contains("Verifying a few things"))
                .anyMatch(l -> l.contains("enrolled (deviceAdministrator)") && l.contains("registering"))
                .noneMatch(l -> l.contains("enrollment blocked"));
    }

    @Test(description = "10b. Intune enrolment required and blocked: the sign-in loop is reported as an environment/policy problem")
    public void blockedEnrolmentLoopIsAnEnvironmentProblem() {
        describe("Intune enrolment blocked", FieldGuide.SIGN_IN,
                "The tenant requires enrolment but blocks device administrator: the sign-in loop is detected and blamed on the tenant");
        assertThat(lab.admin().tenant().deviceAdministratorEnrollment()).as("tenant blocks enrolment (suite's TenantPolicy)").isEqualTo("blocked");
        provisioning.provision(location());
        var requested = signIn.requestRemoteSignIn();
        var account = sharedAccount();
        signIn.portalSignIn(requested.remote().verificationUri(), requested.shownCode(), account.upn(), lab.password(account));
        Throwable thrown = catchThrowable(signIn::awaitHome);
        if (thrown != null && FailureClassifier.classify(thrown).category() == FailureCategory.INFRASTRUCTURE) {
            // lab trouble kept the loop from being seen (e.g. the phone rebooted mid sign-in): not an answer about the tenant
            throw new InfrastructureProblem(deviceId() + ": the sign-in loop could not be observed: " + FailureClassifier.classify(thrown).reason(), thrown);
        }
        assertThat(thrown).as("the sign-in flow on a tenant that blocks enrolment")
                .isInstanceOfSatisfying(EnvironmentProblem.class, e -> {
                    assertThat(e.category()).isEqualTo(FailureCategory.ENVIRONMENT);
                    assertThat(e.getMessage()).contains("blocks device-administrator enrolment").contains("sign-in loop");
                });
        String code = evidence.stage("The phone is back on the sign-in screen with a new device login code",
                () -> phone.signInScreen().awaitShown().deviceLoginCode());
        assertThat(code).isNotBlank().isNotEqualToIgnoringCase(requested.shownCode());
    }
}
