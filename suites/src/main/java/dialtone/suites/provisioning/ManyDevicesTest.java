package dialtone.suites.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dialtone.core.screen.ProvisioningResultScreen;
import dialtone.model.Mac;
import dialtone.model.provisioning.IssuedVerificationCode;
import dialtone.model.provisioning.ProvisioningState;
import dialtone.suites.FieldGuide;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.testng.annotations.Factory;
import org.testng.annotations.Test;

/**
 * "Remotely provision many devices": the admin adds every phone, generates all codes at once
 * (POST verificationCodes), technicians enter them in whatever order they reach the phones (here:
 * the reverse of the order the codes came in), and the phones are signed in later. The bulk call
 * gives a new code to every record waiting on activation in the tenant, so this runs in a TestNG
 * test of its own, with no other test in flight; the phones meet before and after the bulk call.
 */
@dialtone.suites.RackWide
public class ManyDevicesTest extends ProvisioningTest {
    private static final Map<Mac, IssuedVerificationCode> CODES = new ConcurrentHashMap<>();
    private static final List<Mac> ISSUED_ORDER = new CopyOnWriteArrayList<>();
    private static final List<Mac> ENTERED = new CopyOnWriteArrayList<>();
    /** The phones of this test by MAC: the bulk answer may also have codes for records no phone of this test waits on. */
    private static final Map<Mac, String> RACK_PHONES_BY_MAC = new ConcurrentHashMap<>();

    @Factory(dataProvider = RACK_PHONES, dataProviderClass = dialtone.suites.RackDeviceTest.class)
    public ManyDevicesTest(String deviceId) {
        super(deviceId);
    }

    @Test(description = "2. Many devices: bulk codes, entered in any order, sign-in later")
    public void bulkCodesEnteredInAnyOrderThenSignIn() {
        describe("Many devices with bulk codes", FieldGuide.MANY_DEVICES,
                "All codes generated at once, entered on the phones in another order, phones signed in later");
        RackRendezvous rendezvous = rendezvous();
        Duration budget = phone.profile().budgets().boot().plus(phone.profile().budgets().provisioning());
        Mac mac = phone.mac();
        try {
            provisioning.factoryReset();
            provisioning.addMac(location());
            RACK_PHONES_BY_MAC.put(mac, deviceId());
            evidence.backendStage("Every phone added; admin generates all verification codes at once", () -> {
                rendezvous.meet(deviceId(), "all MACs added", budget, () -> {
                    CODES.clear();
                    ISSUED_ORDER.clear();
                    ENTERED.clear();
                    for (IssuedVerificationCode c : lab.admin().issueVerificationCodes()) {
                        CODES.put(c.macAddress(), c);
                        ISSUED_ORDER.add(c.macAddress());
                    }
                });
                return null;
            });
            IssuedVerificationCode code = CODES.get(mac);
            assertThat(code).as("the bulk answer has a code for " + mac).isNotNull();

            List<Mac> rackOrder = ISSUED_ORDER.stream().filter(RACK_PHONES_BY_MAC::containsKey).toList();
            List<Mac> before = rackOrder.subList(rackOrder.indexOf(mac) + 1, rackOrder.size());
            evidence.backendStage("Technician reaches this phone after the phones whose codes came later: " + before, () -> {
                await(deviceId() + " waits for its turn").atMost(budget.multipliedBy(rackOrder.size()))
                        .pollInterval(phone.profile().budgets().poll())
                        .pollDelay(Duration.ZERO)
                        .until(() -> rendezvous.abandoned() || before.stream()
                                .allMatch(m -> ENTERED.contains(m) || !rendezvous.present(RACK_PHONES_BY_MAC.get(m)))); // a phone that failed left: not waited for
                assertThat(rendezvous.abandoned()).as("another phone failed before its turn").isFalse();
                return null;
            });
            ProvisioningResultScreen.Outcome outcome = provisioning.enterCode(code.code().digits(), "its code from the bulk list");
            ENTERED.add(mac);
            assertThat(outcome.failureMessage()).as("message on the phone").isEmpty();
            assertThat(outcome.provisioned()).isTrue();
            evidence.backendStage("Admin center: Waiting for sign in", () -> provisioning.tabs().awaitRecord(mac, ProvisioningState.WAITING_FOR_SIGN_IN));

            evidence.backendStage("Every phone provisioned: sign-in comes later", () -> {
                rendezvous.meet(deviceId(), "all provisioned", budget, () -> { });
                return null;
            });
            signInRemotely();
            evidence.backendStage("Inventory: signed in", () -> provisioning.tabs().awaitSignedIn(mac, sharedAccountName()));
        } catch (RuntimeException | AssertionError e) {
            rendezvous.failed(deviceId(), e);
            throw e;
        }
    }

    private RackRendezvous rendezvous() {
        return RackRendezvous.of(lab, "many devices", "all MACs added", "all provisioned");
    }

    @Override
    public void noMoreAttempts(Throwable why) {
        rendezvous().noMoreAttempts(deviceId(), why);
    }
}
