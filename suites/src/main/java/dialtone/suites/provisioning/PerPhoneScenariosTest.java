package dialtone.suites.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dialtone.core.backend.AdminClient;
import dialtone.core.backend.BackendException;
import dialtone.core.flows.ProvisioningFlow;
import dialtone.core.portal.PortalException;
import dialtone.core.screen.HomeScreen;
import dialtone.core.screen.PasswordExpiredScreen;
import dialtone.core.screen.ProvisioningResultScreen;
import dialtone.core.screen.SignInScreen;
import dialtone.model.Mac;
import dialtone.model.SignInMode;
import dialtone.model.audit.AuditEvent;
import dialtone.model.directory.NewUser;
import dialtone.model.provisioning.AddDevicesResult;
import dialtone.model.provisioning.IssuedVerificationCode;
import dialtone.model.provisioning.ProvisioningRecord;
import dialtone.model.provisioning.ProvisioningState;
import dialtone.model.provisioning.RejectedRow;
import dialtone.model.teamwork.TeamworkDevice;
import dialtone.model.teamwork.TeamworkDeviceOperation;
import dialtone.suites.FieldGuide;
import dialtone.suites.NotApplicable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.testng.annotations.Factory;
import org.testng.annotations.Test;

/**
 * The field guide's scenarios that touch only this phone's records and accounts of its own, so
 * every phone of the rack runs them at once (one instance per phone; a phone's tests run one after
 * another). Each starts from a known state: a factory reset where the phone matters.
 */
public class PerPhoneScenariosTest extends ProvisioningTest {

    @Factory(dataProvider = RACK_PHONES, dataProviderClass = dialtone.suites.RackDeviceTest.class)
    public PerPhoneScenariosTest(String deviceId) {
        super(deviceId);
    }

    @Test(description = "1. Add MAC by hand and by CSV upload give the same record; bad CSV rows are reported, good ones added")
    public void addByHandAndByCsvGiveTheSameRecord() {
        describe("Add MAC addresses by hand and by CSV", FieldGuide.PREPARE_DEVICE,
                "Adding by hand and uploading Template_Provisioning.csv give the same Waiting on activation record");
        var admin = lab.admin();
        provisioning.factoryReset(); // a phone still bound to the tenant cannot be added again
        Mac mac = phone.mac();
        provisioning.tabs().forget(mac);
        ProvisioningRecord byHand = evidence.backendStage("Admin adds " + mac + " by hand",
                () -> admin.addDevice(mac, location()));
        evidence.backendStage("Admin deletes it again", () -> {
            admin.deleteDevice(mac);
            return null;
        });
        AddDevicesResult uploaded = evidence.backendStage("Admin uploads a CSV with the same MAC (other spelling) and location",
                () -> admin.uploadDevices("MAC address,Location\r\n" + mac.compact().toLowerCase(Locale.ROOT) + ",\"" + location() + "\"\r\n"));
        assertThat(uploaded.rejected()).isEmpty();
        ProvisioningRecord byCsv = uploaded.added().get(0);
        for (ProvisioningRecord r : List.of(byHand, byCsv)) {
            assertThat(r.state()).isEqualTo(ProvisioningState.WAITING_ON_ACTIVATION);
        }
        assertThat(byCsv).usingRecursiveComparison().comparingOnlyFields("macAddress", "location", "state", "userStatus", "verificationCodeExpiresDateTime")
                .as("the CSV record equals the hand-added one").isEqualTo(byHand);
        assertThat(provisioning.tabs().awaitRecord(mac, ProvisioningState.WAITING_ON_ACTIVATION).location()).isEqualTo(location());

        Mac good1 = fakeMac(0x02);
        Mac good2 = fakeMac(0x06);
        List.of(good1, good2).forEach(provisioning.tabs()::forget);
        String csv = "MAC address,Location\n"
                + good1 + ",Desk A\n"
                + "64:16:7G:00:00:01,Bad character\n"
                + ",No MAC\n"
                + good1.compact() + ",Duplicate of row 1\n"
                + good2.linuxForm() + ",Desk B\n";
        AddDevicesResult mixed = evidence.backendStage("Admin uploads a CSV with three bad rows among two good ones", () -> admin.uploadDevices(csv));
        assertThat(mixed.rejected()).extracting(RejectedRow::row).containsExactly(2, 3, 4);
        assertThat(mixed.rejected()).allSatisfy(r -> assertThat(r.reason()).isNotBlank());
        assertThat(mixed.rejected().get(0).reason()).as("row 2's reason").containsIgnoringCase("character");
        assertThat(mixed.rejected().get(1).reason()).as("row 3's reason").containsIgnoringCase("empty");
        assertThat(mixed.rejected().get(2).reason()).as("row 4's reason").containsIgnoringCase("duplicate");
        assertThat(mixed.added()).extracting(ProvisioningRecord::macAddress).containsExactly(good1, good2);
        assertThat(admin.devices(ProvisioningState.WAITING_ON_ACTIVATION)).extracting(ProvisioningRecord::macAddress).contains(good1, good2);
        List.of(good1, good2).forEach(admin::deleteDevice);
    }

    @Test(description = "3. Some devices: the technician reads the code off the phone, the admin signs it in within 15 minutes")
    public void someDevicesSignInWithTheCodeOnThePhone() {
        describe("Sign in with the code shown on the phone", FieldGuide.SOME_DEVICES,
                "The technician reads the device login code off the sign-in screen; the admin signs it in at the Device Login portal");
        SignInScreen screen = provisioning.factoryReset();
        String code = evidence.stage("Technician reads the device login code off the sign-in screen", screen::deviceLoginCode);
        assertThat(code).as("device login code").isNotBlank();
        var account = sharedAccount();
        signIn.portalSignIn(lab.backendUrl().resolve("/devicelogin").toString(), code, account.upn(), lab.password(account));
        assertSharedAccountHome(signIn.awaitHome());
        evidence.backendStage("Inventory shows the phone signed in", () -> provisioning.tabs().awaitSignedIn(phone.mac(), sharedAccountName()));
    }

    @Test(description = "4. Wrong, another phone's, replaced, reused and throttled codes: each refused with its own message, record unchanged")
    public void refusedCodesLeaveTheRecordUnchanged() {
        describe("Refused verification codes", FieldGuide.PROVISION_DEVICE,
                "Each wrong code is refused on the phone with its own message and leaves the record as it was");
        var admin = lab.admin();
        provisioning.factoryReset();
        provisioning.addMac(location());
        IssuedVerificationCode replaced = provisioning.issueCode();
        IssuedVerificationCode current = evidence.backendStage("Admin generates a newer code (the first is replaced)",
                () -> admin.issueVerificationCode(phone.mac()));
        Mac other = fakeMac(0x0A);
        provisioning.tabs().forget(other);
        IssuedVerificationCode othersCode = evidence.backendStage("Admin adds another phone " + other + " and generates its code", () -> {
            admin.addDevice(other, "Another phone of " + deviceId());
            return admin.issueVerificationCode(other);
        });
        ProvisioningRecord before = provisioning.tabs().awaitRecord(phone.mac(), ProvisioningState.WAITING_ON_ACTIVATION);
        String wrong = unlike(current, replaced, othersCode);

        Map<String, String> messages = new LinkedHashMap<>();
        messages.put("invalid_code", refused(wrong, "a wrong code"));
        messages.put("wrong_device", refused(othersCode.code().digits(), "the code of another phone"));
        messages.put("replaced_code", refused(replaced.code().digits(), "the replaced earlier code"));
        // 5 wrong attempts lock the code: dial wrong codes until the phone says so (the 5th at the latest)
        for (int attempt = 4; attempt <= 5 && !lastRefusal().contains("too_many_attempts"); attempt++) {
            refused(wrong, "a wrong code again (wrong attempt " + attempt + ")");
        }
        messages.put("too_many_attempts", refused(current.code().digits(), "the right code after 5 wrong ones (throttled)"));

        assertThat(messages.values()).as("each refusal has its own message: " + messages).doesNotHaveDuplicates();
        assertThat(messages.get("too_many_attempts")).as("the throttled code is not called wrong").isNotEqualTo(messages.get("invalid_code"));
        List<String> refusals = admin.audit(phone.mac()).stream()
                .filter(e -> e.action().equals("provisioningRefused") && e.at().compareTo(before.lastModifiedDateTime()) >= 0)
                .map(AuditEvent::detail).toList();
        assertThat(String.join("|", refusals)).as("the backend's reasons, in order")
                .containsSubsequence("invalid_code", "wrong_device", "replaced_code", "too_many_attempts");
        assertThat(refusals).as("the right code is refused once locked").last().asString().contains("too_many_attempts");
        assertThat(refusals.stream().filter(r -> !r.contains("too_many_attempts")).count()).as("wrong attempts before the lock").isLessThanOrEqualTo(5);
        ProvisioningRecord after = provisioning.tabs().awaitRecord(phone.mac(), ProvisioningState.WAITING_ON_ACTIVATION);
        assertThat(after).usingRecursiveComparison().comparingOnlyFields("macAddress", "location", "state", "userStatus", "verificationCodeExpiresDateTime")
                .as("the record after the refusals").isEqualTo(before);

        IssuedVerificationCode unlocking = evidence.backendStage("Admin generates a new code: it unlocks the phone",
                () -> admin.issueVerificationCode(phone.mac()));
        provisioning.enterAndConfirm(unlocking);
        String reused = evidence.stage("Technician dials the code that provisioned the phone again", () -> {
            ProvisioningResultScreen.Outcome o = provisioning.answeredCode(unlocking.code().digits(), "the used code again");
            assertThat(o.provisioned()).as("a reused code provisions nothing").isFalse();
            return o.failureMessage().orElseThrow();
        });
        assertThat(reused).as("reused code on a provisioned phone").containsIgnoringCase("factory reset");
        assertThat(admin.audit(phone.mac())).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo("provisioningRefused");
            assertThat(e.detail()).contains("already_provisioned");
        });
        admin.deleteDevice(other);
    }

    @Test(description = "5. A phone provisioned in another organization refuses its code until it is factory reset")
    public void provisionedElsewhereNeedsAFactoryReset() {
        AdminClient otherAdmin = lab.otherTenant().orElseThrow(() -> new NotApplicable("not applicable on rack " + lab.rack().name()
                + ": needs a second tenant of the backend (backend.otherTenant in the rack file)"));
        describe("Provisioned in another organization", FieldGuide.PROVISION_DEVICE,
                "A phone provisioned in one tenant refuses another tenant's code, both records unchanged; after a factory reset that code provisions it");
        AdminClient admin = lab.admin();
        ProvisioningFlow elsewhere = new ProvisioningFlow(phone, otherAdmin, evidence);
        Mac mac = phone.mac();
        String organization = admin.tenant().organizationName();
        String otherOrganization = otherAdmin.tenant().organizationName();
        assertThat(otherOrganization).as("the second tenant's organization").isNotEqualTo(organization);

        provisioning.provision(location());
        assertThat(phone.signInScreen().awaitShown().awaitOrganizationName()).as("organization on the phone").isEqualTo(organization);
        ProvisioningRecord ours = provisioning.tabs().awaitRecord(mac, ProvisioningState.WAITING_FOR_SIGN_IN);
        elsewhere.tabs().forget(mac);
        ProvisioningRecord theirsAdded = evidence.backendStage("The other organization's admin adds " + mac,
                () -> otherAdmin.addDevice(mac, "Other organization / " + deviceId()));
        assertThat(theirsAdded.state()).isEqualTo(ProvisioningState.WAITING_ON_ACTIVATION);
        IssuedVerificationCode theirCode = elsewhere.issueCode();
        ProvisioningRecord theirs = elsewhere.tabs().awaitRecord(mac, ProvisioningState.WAITING_ON_ACTIVATION);

        String refusal = refused(theirCode.code().digits(), "the other organization's verification code");
        assertThat(refusal).as("the phone's message").containsIgnoringCase("another organization").containsIgnoringCase("factory reset");
        for (AdminClient tenant : List.of(admin, otherAdmin)) {
            assertThat(tenant.audit(mac)).as("audit of " + tenant.tenant().tenantId()).last().satisfies(e -> {
                assertThat(e.action()).isEqualTo("provisioningRefused");
                assertThat(e.detail()).contains("provisioned_elsewhere");
            });
        }
        assertThat(provisioning.tabs().awaitRecord(mac, ProvisioningState.WAITING_FOR_SIGN_IN))
                .usingRecursiveComparison().comparingOnlyFields("macAddress", "location", "state", "userStatus")
                .as("this tenant's record after the refusal").isEqualTo(ours);
        assertThat(elsewhere.tabs().awaitRecord(mac, ProvisioningState.WAITING_ON_ACTIVATION))
                .usingRecursiveComparison().comparingOnlyFields("macAddress", "location", "state", "userStatus", "verificationCodeExpiresDateTime")
                .as("the other tenant's record after the refusal").isEqualTo(theirs);

        elsewhere.factoryReset();
        elsewhere.enterAndConfirm(theirCode);
        assertThat(phone.signInScreen().awaitShown().awaitOrganizationName()).as("organization on the phone after the reset")
                .isEqualTo(otherOrganization);
        assertThat(admin.devices()).extracting(ProvisioningRecord::macAddress).as("this tenant's tabs after the reset").doesNotContain(mac);
    }

    @Test(description = "6. Remote sign-in: lock screen, code case-insensitive, shared-account home, record leaves Waiting for sign in")
    public void remoteSignInReachesTheSharedAccountHome() {
        describe("Remote sign-in", FieldGuide.SIGN_IN,
                "The phone locks while the code is fetched; the code works in lower case; Common Area Phone home; the record leaves Waiting for sign in");
        provisioning.provision(location());
        Mac mac = phone.mac();
        // Other phones change the tenant's counts at the same time: count what this phone's record contributes.
        assertThat(waitingForSignIn(mac)).as("this phone's share of Waiting for sign in before").isEqualTo(1);
        signInRemotely();
        evidence.backendStage("Admin center: signed in, gone from Waiting for sign in",
                () -> provisioning.tabs().awaitSignedIn(mac, sharedAccountName()));
        assertThat(waitingForSignIn(mac)).as("this phone's share of Waiting for sign in after: one less").isZero();
        assertThat(lab.admin().devices()).extracting(ProvisioningRecord::macAddress).as("no record left in either tab").doesNotContain(mac);
        assertThat(lab.admin().summary().waitingForSignIn()).as("summary count").isGreaterThanOrEqualTo(0);
    }

    private int waitingForSignIn(Mac mac) {
        return (int) lab.admin().devices(ProvisioningState.WAITING_FOR_SIGN_IN).stream().filter(r -> r.macAddress().equals(mac)).count();
    }

    @Test(description = "7. A personal account and an MFA account are refused with their messages; a shared account then signs in")
    public void personalAndMfaAccountsAreRefused() {
        describe("Accounts that cannot sign in a shared phone", FieldGuide.ADDITIONAL_GUIDANCE,
                "Personal and MFA accounts are refused by the Device Login portal; the code stays usable for a shared account");
        var admin = lab.admin();
        String domain = sharedAccount().upn().substring(sharedAccount().upn().indexOf('@'));
        String tag = deviceId() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "Dialtone-" + UUID.randomUUID();
        NewUser personal = new NewUser("personal-" + tag + domain, "Personal " + tag, SignInMode.PERSONAL, password, null, false);
        NewUser mfa = new NewUser("mfa-" + tag + domain, "MFA " + tag, SignInMode.COMMON_AREA, password, null, true);
        evidence.backendStage("Admin creates a personal account and a Common Area account with MFA", () -> {
            admin.createUser(personal);
            return admin.createUser(mfa);
        });
        provisioning.provision(location());
        SignInFlowSteps steps = new SignInFlowSteps();
        var requested = signIn.requestRemoteSignIn();
        String uri = requested.remote().verificationUri();
        PortalException personalRefused = steps.refusedAtPortal(uri, requested.shownCode(), personal);
        assertThat(personalRefused.pageError()).as("portal message for a personal account").containsIgnoringCase("shared devices only");
        PortalException mfaRefused = steps.refusedAtPortal(uri, requested.shownCode(), mfa);
        assertThat(mfaRefused.pageError()).as("portal message for an MFA account").containsIgnoringCase("Multi-factor authentication");
        assertThat(personalRefused.pageError()).isNotEqualTo(mfaRefused.pageError());
        evidence.stage("The phone still shows the same code on its lock screen",
                () -> assertThat(phone.lockScreen().awaitShown().deviceLoginCode()).isEqualTo(requested.shownCode()));
        var account = sharedAccount();
        signIn.portalSignIn(uri, requested.shownCode(), account.upn(), lab.password(account));
        assertSharedAccountHome(signIn.awaitHome());
    }

    /** Portal walks expected to be refused, as steps. */
    private final class SignInFlowSteps {
        PortalException refusedAtPortal(String uri, String code, NewUser user) {
            return evidence.backendStage("Admin tries to sign in " + user.upn() + " (" + (Boolean.TRUE.equals(user.mfa()) ? "MFA" : user.signInMode()) + ")", () -> {
                AtomicReference<PortalException> refused = new AtomicReference<>();
                assertThatThrownBy(() -> signIn.portalSignIn(uri, code, user.upn(), user.password()))
                        .isInstanceOfSatisfying(PortalException.class, refused::set);
                assertThat(refused.get().pageError()).isNotBlank();
                return refused.get();
            });
        }
    }

    @Test(description = "8. Manual sign-out: not back in Waiting for sign in, Provision phone refused; factory reset then provisioning works again")
    public void manualSignOutNeedsAFactoryReset() {
        describe("Manual sign-out", FieldGuide.ADDITIONAL_GUIDANCE,
                "Signed out on the phone: the phone stays in the tenant, cannot be provisioned or signed in remotely until a factory reset");
        var admin = lab.admin();
        Mac mac = phone.mac();
        IssuedVerificationCode first = firstProvisioning();
        HomeScreen home = signInRemotely();
        SignInScreen signedOut = evidence.stage("Technician signs out: More options → Settings → Sign out → confirm",
                () -> home.openSettings().signOut().confirm());
        assertThat(signedOut.awaitOrganizationName()).as("the phone keeps its tenant after a manual sign-out").isNotBlank();
        evidence.backendStage("Admin center: the phone is in neither tab", () -> {
            await("record of " + mac + " gone from the tabs").atMost(phone.profile().budgets().signIn())
                    .pollInterval(phone.profile().budgets().poll())
                    .pollDelay(java.time.Duration.ZERO)
                    .until(() -> admin.devices().stream().noneMatch(r -> r.macAddress().equals(mac)));
            return null;
        });
        assertThatThrownBy(() -> admin.remoteSignIn(mac)).as("remote sign-in of a phone signed out on the device")
                .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.status()).isEqualTo(409));
        ProvisioningResultScreen.Outcome again = provisioning.answeredCode(first.code().digits(), "a verification code on the signed-out phone");
        assertThat(again.provisioned()).isFalse();
        assertThat(again.failureMessage()).get().asString().containsIgnoringCase("factory reset");

        provisioning.provision(location());
        signInRemotely();
        evidence.backendStage("Inventory: signed in again", () -> provisioning.tabs().awaitSignedIn(mac, sharedAccountName()));
    }

    private IssuedVerificationCode firstProvisioning() {
        provisioning.factoryReset();
        provisioning.addMac(location());
        IssuedVerificationCode code = provisioning.issueCode();
        provisioning.enterAndConfirm(code);
        return code;
    }

    /** The expiring account's token lifetime: the phone refreshes before a token expires, so it meets the expired password soon. */
    static final int ACCESS_TOKEN_LIFETIME_SECONDS = 3;

    @Test(description = "9. Password expiry: the signed-in phone asks for the new password on the device and accepts it")
    public void expiredPasswordIsChangedOnThePhone() {
        describe("Password expiry", FieldGuide.ADDITIONAL_GUIDANCE,
                "An expired password can only be changed on the phone: it asks for the current and a new one, then stays signed in");
        var admin = lab.admin();
        String domain = sharedAccount().upn().substring(sharedAccount().upn().indexOf('@'));
        String tag = deviceId() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "Dialtone-" + UUID.randomUUID();
        // A password policy that expires it in 90 days; its access tokens live seconds, so the phone refreshes
        // (and meets the expired password) within seconds of the expiry instead of at its usual interval.
        Instant policyExpiry = admin.backendNow().plus(Duration.ofDays(90));
        NewUser user = new NewUser("expiring-" + tag + domain, "Expiring " + tag, SignInMode.COMMON_AREA, password, policyExpiry, false,
                ACCESS_TOKEN_LIFETIME_SECONDS);
        evidence.backendStage("Admin creates a Common Area account with a password expiry policy", () -> admin.createUser(user));
        provisioning.provision(location());
        var requested = signIn.requestRemoteSignIn();
        signIn.portalSignIn(requested.remote().verificationUri(), requested.shownCode(), user.upn(), password);
        HomeScreen home = signIn.awaitHome();
        assertThat(home.signedInUser()).isEqualTo(user.displayName());
        Instant expired = admin.backendNow();
        evidence.backendStage("The password's expiry date comes (backend test control: it expires now)", () -> {
            admin.expirePassword(user.upn());
            return null;
        });
        PasswordExpiredScreen prompt = evidence.stage("The phone's next token refresh is refused: it asks for a new password",
                () -> phone.passwordExpiredScreen().awaitShown(phone.profile().budgets().signIn()));
        String newPassword = "Dialtone-new-" + UUID.randomUUID();
        evidence.stage("The user types the current and a new password and taps Update", () -> prompt.update(password, newPassword));
        HomeScreen after = evidence.stage("The phone stays signed in: home again",
                () -> phone.homeScreen().awaitShown(phone.profile().budgets().signIn()));
        assertThat(after.signedInUser()).isEqualTo(user.displayName());
        assertThat(admin.users()).filteredOn(u -> u.upn().equalsIgnoreCase(user.upn())).singleElement()
                .satisfies(u -> assertThat(u.passwordExpiresDateTime()).as("the new password's expiry").isAfter(expired));
    }

    @Test(description = "11. Backend restart operation: the phone reboots and comes back signed in")
    public void restartOperationKeepsThePhoneSignedIn() {
        describe("Restart from the admin center", FieldGuide.ADDITIONAL_GUIDANCE,
                "Graph restart: the phone reboots, the operation succeeds, the phone comes back signed in");
        var admin = lab.admin();
        TeamworkDevice device = signedInWithTheSharedAccount();
        String bootBefore = phone.bootId();
        TeamworkDeviceOperation operation = evidence.backendStage("Admin restarts the phone (Graph deviceRestart)",
                () -> admin.restartDevice(device.id()));
        assertThat(operation.operationType()).isEqualTo(TeamworkDeviceOperation.DEVICE_RESTART);
        evidence.stage("The phone reboots", () -> phone.awaitRebooted(bootBefore));
        HomeScreen home = evidence.stage("The phone comes back to its home screen, signed in",
                () -> phone.homeScreen().awaitShown(phone.profile().budgets().boot()));
        assertSharedAccountHome(home);
        TeamworkDeviceOperation done = evidence.backendStage("The operation ends successful", () -> {
            AtomicReference<TeamworkDeviceOperation> last = new AtomicReference<>();
            try {
                await("restart operation " + operation.id() + " of " + deviceId() + " to end")
                        .atMost(phone.profile().budgets().boot())
                        .pollInterval(phone.profile().budgets().poll())
                        .pollDelay(java.time.Duration.ZERO)
                        .until(() -> {
                            admin.operations(device.id()).stream().filter(o -> o.id().equals(operation.id())).findFirst().ifPresent(last::set);
                            return last.get() != null && !last.get().isActive();
                        });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // the phone reports the outcome to the service: one whose heartbeats do not arrive either cannot reach it
                String health = provisioning.tabs().inventory(phone.mac()).map(TeamworkDevice::healthStatus).orElse("not in the inventory");
                if (!"healthy".equals(health)) {
                    throw new dialtone.core.failure.InfrastructureProblem(deviceId() + "'s restart operation did not end and the inventory"
                            + " shows the phone " + health + " (its heartbeats do not reach the service either): lab network", e);
                }
                throw e;
            }
            return last.get();
        });
        assertThat(done.status()).as("restart operation " + done.error()).isEqualTo(TeamworkDeviceOperation.SUCCESSFUL);
    }

    /**
     * The known state "signed in with the rack's shared account": a phone an earlier test left there
     * (its home screen with that account, the inventory agreeing, no record in either tab) is used as
     * it is, which saves a factory reset, a provisioning and a sign-in; any other phone is provisioned
     * and signed in first. Returns the phone's inventory entry.
     */
    private TeamworkDevice signedInWithTheSharedAccount() {
        HomeScreen home = phone.homeScreen();
        if (home.isShowing() && sharedAccountName().equals(home.signedInUser())) {
            var inventory = provisioning.tabs().inventory(phone.mac());
            boolean signedIn = inventory.map(d -> d.currentUser() != null && sharedAccountName().equals(d.currentUser().displayName()))
                    .orElse(false);
            if (signedIn && lab.admin().devices().stream().noneMatch(r -> r.macAddress().equals(phone.mac()))) {
                evidence.screenshot("Already signed in with " + sharedAccountName() + " (left so by the previous test)");
                return inventory.get();
            }
        }
        provisioning.provision(location());
        signInRemotely();
        return evidence.backendStage("Inventory: the phone signed in", () -> provisioning.tabs().awaitSignedIn(phone.mac(), sharedAccountName()));
    }

    private String lastRefusal() {
        List<AuditEvent> events = lab.admin().audit(phone.mac());
        return events.isEmpty() ? "" : String.valueOf(events.get(events.size() - 1).detail());
    }

    /** Six digits that are none of the given codes. */
    private static String unlike(IssuedVerificationCode... codes) {
        List<String> taken = new ArrayList<>();
        for (IssuedVerificationCode c : codes) taken.add(c.code().digits());
        for (int n = 0; ; n++) {
            String candidate = String.format("%06d", (Integer.parseInt(taken.get(0)) + 1 + n) % 1_000_000);
            if (!taken.contains(candidate)) return candidate;
        }
    }

    /**
     * Dials a code that must be refused; returns the phone's message. Only a refusal the service answered
     * counts (a phone that could not reach it is dialled again): the audit log must see each wrong attempt.
     */
    private String refused(String digits, String what) {
        ProvisioningResultScreen.Outcome outcome = provisioning.answeredCode(digits, what);
        assertThat(outcome.provisioned()).as(what + " must not provision the phone").isFalse();
        assertThat(outcome.failureMessage()).as("message for " + what).get().asString().isNotBlank();
        return outcome.failureMessage().orElseThrow();
    }
}
