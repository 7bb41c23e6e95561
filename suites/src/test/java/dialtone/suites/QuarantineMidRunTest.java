package dialtone.suites;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dialtone.core.failure.FailureCategory;
import dialtone.core.failure.FailureClassifier;
import dialtone.core.lab.Lab;
import dialtone.core.rack.Allocation;
import dialtone.core.rack.Health;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testng.ITestResult;
import org.testng.annotations.Factory;

/**
 * The recovery ladder's last resort: {@code lab.pool().quarantine(id, reason)} in the middle of a
 * run takes the phone out; its later tests are skipped as infrastructure with the reason, the
 * other phones go on, and the phone's allocation is running only while a test is on it.
 */
class QuarantineMidRunTest {

    @TempDir
    Path results;

    public static class TwoSteps extends RackDeviceTest {
        static final Set<String> ran = ConcurrentHashMap.newKeySet();
        static final Map<String, Allocation> allocationDuringTest = new ConcurrentHashMap<>();

        @Factory(dataProvider = RACK_PHONES, dataProviderClass = RackDeviceTest.class)
        public TwoSteps(String deviceId) {
            super(deviceId);
        }

        @org.testng.annotations.Test(priority = 1)
        public void first() {
            ran.add(deviceId() + "/first");
            allocationDuringTest.put(deviceId(), lab.pool().state(deviceId()).allocation());
            if (deviceId().equals("ccx600-1")) {
                lab.pool().quarantine(deviceId(), "recovery: every rung failed (factory reset did not boot)");
            }
        }

        @org.testng.annotations.Test(priority = 2)
        public void second() {
            ran.add(deviceId() + "/second");
        }
    }

    @Test
    void aPhoneQuarantinedMidRunSkipsItsLaterTestsAsInfrastructure() {
        TwoSteps.ran.clear();
        try (Lab lab = UnreachableLab.ofTheVirtualRack()) {
            Lab.install(lab);
            InProcessRun run = InProcessRun.of(results, TwoSteps.class);

            assertThat(TwoSteps.ran).containsExactlyInAnyOrder("ccx500-1/first", "ccx600-1/first", "trio-c60-1/first",
                    "ccx500-1/second", "trio-c60-1/second");
            assertThat(TwoSteps.allocationDuringTest).containsOnly(Map.entry("ccx500-1", Allocation.RUNNING),
                    Map.entry("ccx600-1", Allocation.RUNNING), Map.entry("trio-c60-1", Allocation.RUNNING));
            assertThat(lab.pool().state("ccx500-1").allocation()).as("no test on it now").isEqualTo(Allocation.IDLE);
            assertThat(lab.pool().state("ccx600-1").health()).isEqualTo(Health.BAD);

            ITestResult skipped = run.of("second").stream().filter(r -> r.getStatus() == ITestResult.SKIP).findFirst().orElseThrow();
            assertThat(skipped.getThrowable()).isInstanceOf(PhoneUnavailable.class)
                    .hasMessage("phone unavailable: ccx600-1 quarantined: recovery: every rung failed (factory reset did not boot)");
            assertThat(FailureClassifier.classify(skipped.getThrowable()).category()).isEqualTo(FailureCategory.INFRASTRUCTURE);
            assertThat(run.of("second")).as("not retried").hasSize(3);
            JsonNode allure = run.allure("second").stream().filter(n -> n.path("status").asText().equals("skipped")).findFirst().orElseThrow();
            assertThat(allure.path("name").asText()).isEqualTo("second — ccx600-1");
            assertThat(allure.path("statusDetails").path("trace").asText()).as("what reports/categories.json matches")
                    .contains("[dialtone:infrastructure] Infrastructure: phone unavailable: ccx600-1 quarantined");
        } finally {
            Lab.install(null);
        }
    }

    /** Two phones of one model: the one quarantined mid-run hands its later tests to the other. */
    private static final String TWO_CCX500 = """
            name: two-ccx500
            backend: {url: embedded, tenant: contoso}
            appium: embedded
            devices:
              - {id: ccx500-1, profile: poly-ccx500, adb: "127.0.0.1:15601", mac: "64:16:7F:50:00:01", firmware: 7.2.1.1707, power: virtual}
              - {id: ccx500-2, profile: poly-ccx500, adb: "127.0.0.1:15602", mac: "64:16:7F:50:00:02", firmware: 7.2.1.1707, power: virtual}
              - {id: ccx600-1, profile: poly-ccx600, adb: "127.0.0.1:15603", mac: "64:16:7F:60:00:01", firmware: 9.0.0.10315, power: virtual}
            """;

    public static class LosesACcx500 extends RackDeviceTest {
        static final Map<String, String> secondRanOn = new ConcurrentHashMap<>();

        @Factory(dataProvider = RACK_PHONES, dataProviderClass = RackDeviceTest.class)
        public LosesACcx500(String deviceId) {
            super(deviceId);
        }

        @org.testng.annotations.Test(priority = 1)
        public void first() {
            if (deviceId().equals("ccx500-1")) {
                lab.pool().quarantine(deviceId(), "recovery: every rung failed (factory reset did not boot)");
            }
        }

        @org.testng.annotations.Test(priority = 2)
        public void second() {
            secondRanOn.put(assignment().requested(), deviceId() + " " + phone.profile().id() + (assignment().moved() ? " " + assignment().reason() : ""));
        }
    }

    @Test
    void aPhoneQuarantinedMidRunHandsItsLaterTestsToAUsablePhoneOfItsModel(@TempDir Path racks) throws Exception {
        LosesACcx500.secondRanOn.clear();
        try (Lab lab = UnreachableLab.of(java.nio.file.Files.writeString(racks.resolve("two-ccx500.yaml"), TWO_CCX500))) {
            Lab.install(lab);
            InProcessRun run = InProcessRun.of(results, LosesACcx500.class);

            assertThat(LosesACcx500.secondRanOn).containsOnly(
                    Map.entry("ccx500-1", "ccx500-2 poly-ccx500 moved from ccx500-1: quarantined: recovery: every rung failed (factory reset did not boot)"),
                    Map.entry("ccx500-2", "ccx500-2 poly-ccx500"),
                    Map.entry("ccx600-1", "ccx600-1 poly-ccx600"));
            assertThat(run.of("second")).extracting(ITestResult::getStatus).containsOnly(ITestResult.SUCCESS);
        } finally {
            Lab.install(null);
        }
    }
}
