package dialtone.suites.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import dialtone.core.lab.Lab;
import dialtone.suites.InProcessRun;
import dialtone.suites.PhoneUnavailable;
import dialtone.suites.RackDeviceTest;
import dialtone.suites.RackWide;
import dialtone.suites.UnreachableLab;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testng.ITestResult;
import org.testng.annotations.Factory;

/**
 * A rack-wide test goes on without a phone the run lost before it: a phone quarantined in the middle
 * of the run is skipped and leaves the rendezvous, so the others meet without waiting out their budget.
 */
class RackWideWithoutAPhoneTest {
    /** Far longer than the test takes when nobody waits for the lost phone: a wait for it would fail the meeting. */
    private static final Duration BUDGET = Duration.ofSeconds(60);

    @TempDir
    Path results;

    @RackWide
    public static class LosesOnePhone extends RackDeviceTest {
        static final AtomicInteger meetings = new AtomicInteger();
        static final Set<String> met = ConcurrentHashMap.newKeySet();

        @Factory(dataProvider = RACK_PHONES, dataProviderClass = RackDeviceTest.class)
        public LosesOnePhone(String deviceId) {
            super(deviceId);
        }

        @org.testng.annotations.Test(priority = 1)
        public void before() {
            if (deviceId().equals("ccx600-1")) {
                lab.pool().quarantine(deviceId(), "recovery: every rung failed (factory reset did not boot)");
            }
        }

        @org.testng.annotations.Test(priority = 2)
        public void rackWide() {
            RackRendezvous rendezvous = rendezvous();
            try {
                rendezvous.meet(deviceId(), "everyone here", BUDGET, meetings::incrementAndGet);
                met.add(deviceId());
            } catch (RuntimeException | AssertionError e) {
                rendezvous.failed(deviceId(), e);
                throw e;
            }
        }

        private RackRendezvous rendezvous() {
            return RackRendezvous.of(lab, "loses one phone", "everyone here");
        }

        @Override
        public void noMoreAttempts(Throwable why) {
            rendezvous().noMoreAttempts(deviceId(), why);
        }
    }

    @Test
    void aPhoneQuarantinedBeforeTheRackWideTestLeavesItsRendezvous() {
        LosesOnePhone.met.clear();
        try (Lab lab = UnreachableLab.ofTheVirtualRack()) {
            Lab.install(lab);
            InProcessRun run = InProcessRun.ofInstancesInParallel(results, LosesOnePhone.class);

            assertThat(LosesOnePhone.met).containsExactlyInAnyOrder("ccx500-1", "trio-c60-1");
            assertThat(LosesOnePhone.meetings).as("the meeting was held once, without the lost phone").hasValue(1);
            assertThat(run.of("rackWide")).filteredOn(r -> r.getStatus() == ITestResult.SKIP).singleElement()
                    .satisfies(r -> assertThat(r.getThrowable()).isInstanceOf(PhoneUnavailable.class)
                            .hasMessageContaining("ccx600-1 quarantined"));
        } finally {
            Lab.install(null);
        }
    }
}
