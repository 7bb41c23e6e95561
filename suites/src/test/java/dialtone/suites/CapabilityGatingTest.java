package dialtone.suites;

import static dialtone.model.profile.DeviceProfile.Feature.CONFERENCE;
import static dialtone.model.profile.DeviceProfile.Feature.HANDSET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dialtone.core.lab.Lab;
import dialtone.model.profile.DeviceProfile;
import dialtone.model.profile.DeviceProfiles;
import dialtone.model.profile.FirmwareVersion;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testng.ITestResult;
import org.testng.annotations.Factory;

/** Tests declare what they need; a phone without it skips the test as not applicable, with the reason. */
class CapabilityGatingTest {
    private static final Path HOME = Path.of("..");
    private static final DeviceProfiles PROFILES = DeviceProfiles.loadDirectory(HOME.resolve("device-profiles"));
    private static final DeviceProfile CCX500 = PROFILES.get("poly-ccx500");
    private static final DeviceProfile TRIO = PROFILES.get("poly-trio-c60");
    private static final Supplier<FirmwareVersion> NO_ADB = () -> {
        throw new AssertionError("the firmware is read only for a firmware range");
    };

    @TempDir
    Path results;

    /** One instance per phone of the virtual rack; none of these tests touches the phone. */
    public static class NeedsHardware extends RackDeviceTest {
        static final Map<String, Boolean> ran = new ConcurrentHashMap<>();

        @Factory(dataProvider = RACK_PHONES, dataProviderClass = RackDeviceTest.class)
        public NeedsHardware(String deviceId) {
            super(deviceId);
        }

        @Requires(HANDSET)
        @org.testng.annotations.Test
        public void pickUpTheHandset() {
            ran.put(deviceId() + "/handset", true);
        }

        @Requires(CONFERENCE)
        @org.testng.annotations.Test
        public void joinAConference() {
            ran.put(deviceId() + "/conference", true);
        }

        @org.testng.annotations.Test
        public void anyPhone() {
            ran.put(deviceId() + "/any", true);
        }
    }

    @Test
    void aTestOnAModelWithoutWhatItNeedsIsSkippedWithTheReason() {
        NeedsHardware.ran.clear();
        try (Lab lab = UnreachableLab.ofTheVirtualRack()) {
            Lab.install(lab);
            InProcessRun run = InProcessRun.of(results, NeedsHardware.class);

            assertThat(NeedsHardware.ran.keySet()).containsExactlyInAnyOrder(
                    "ccx500-1/handset", "ccx600-1/handset", "trio-c60-1/conference",
                    "ccx500-1/any", "ccx600-1/any", "trio-c60-1/any");
            assertThat(run.of("joinAConference")).filteredOn(r -> r.getStatus() == ITestResult.SKIP)
                    .extracting(r -> r.getThrowable().getMessage())
                    .containsExactlyInAnyOrder("not applicable on CCX 500: needs a conference", "not applicable on CCX 600: needs a conference");
            assertThat(run.of("pickUpTheHandset")).filteredOn(r -> r.getStatus() == ITestResult.SKIP)
                    .extracting(r -> r.getThrowable().getMessage()).containsExactly("not applicable on Trio C60: needs a handset");
            assertThat(run.of("anyPhone")).extracting(ITestResult::getStatus).containsOnly(ITestResult.SUCCESS);

            JsonNode skipped = run.allure("pickUpTheHandset").stream().filter(n -> n.path("status").asText().equals("skipped"))
                    .findFirst().orElseThrow();
            assertThat(skipped.path("statusDetails").path("message").asText()).isEqualTo("not applicable on Trio C60: needs a handset");
            assertThat(run.allure("pickUpTheHandset")).as("not applicable is not retried").hasSize(3);
        } finally {
            Lab.install(null);
        }
    }

    @Requires(value = {HANDSET, CONFERENCE}, minFirmware = "8.0", maxFirmware = "9.0.0.10315")
    void everything() {}

    @Requires(minFirmware = "8.1.6")
    void fromEightOneSix() {}

    @Requires(minFirmware = "eight")
    void badVersion() {}

    void unrestricted() {}

    @Test
    void requirementsNameEveryMissingFeatureAndTheFirmwareBound() throws Exception {
        Requires all = requires("everything");
        assertThat(Applicability.whyNot(all, CCX500, () -> FirmwareVersion.parse("7.2.1.1707")))
                .contains("not applicable on CCX 500: needs a conference and firmware 8.0 or later (has 7.2.1.1707)");
        assertThat(Applicability.whyNot(all, TRIO, () -> FirmwareVersion.parse("9.1")))
                .contains("not applicable on Trio C60: needs a handset and firmware 9.0.0.10315 or earlier (has 9.1)");
        Requires from = requires("fromEightOneSix");
        assertThat(Applicability.whyNot(from, TRIO, () -> FirmwareVersion.parse("8.1.6.1005"))).isEmpty();
        assertThat(Applicability.whyNot(from, TRIO, () -> FirmwareVersion.parse("8.1.5.9999"))).isPresent();
        assertThat(Applicability.of(CapabilityGatingTest.class.getDeclaredMethod("unrestricted"))).isEmpty();
        assertThatThrownBy(() -> Applicability.whyNot(requires("badVersion"), TRIO, () -> FirmwareVersion.parse("8.1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("@Requires(minFirmware = \"eight\"): ");
    }

    @Test
    void featuresAloneNeverReadTheFirmware() throws Exception {
        Requires handset = NeedsHardware.class.getMethod("pickUpTheHandset").getAnnotation(Requires.class);
        assertThat(Applicability.whyNot(handset, CCX500, NO_ADB)).isEmpty();
        assertThat(Applicability.whyNot(handset, TRIO, NO_ADB)).isEqualTo(Optional.of("not applicable on Trio C60: needs a handset"));
    }

    @Requires(HANDSET)
    static class OnTheClass {
        public void inherits() {}

        @Requires(CONFERENCE)
        public void overrides() {}
    }

    @Test
    void aMethodRequirementReplacesTheClassOne() throws Exception {
        assertThat(Applicability.of(OnTheClass.class.getMethod("inherits")).orElseThrow().value()).containsExactly(HANDSET);
        assertThat(Applicability.of(OnTheClass.class.getMethod("overrides")).orElseThrow().value()).containsExactly(CONFERENCE);
        assertThat(Set.of(Applicability.of(OnTheClass.class.getMethod("inherits")).orElseThrow().minFirmware())).containsExactly("");
    }

    private static Requires requires(String method) throws NoSuchMethodException {
        Method m = CapabilityGatingTest.class.getDeclaredMethod(method);
        return m.getAnnotation(Requires.class);
    }
}
