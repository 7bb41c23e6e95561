package dialtone.core.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dialtone.core.failure.EnvironmentProblem;
import dialtone.core.failure.FailureCategory;
import dialtone.core.failure.FailureClassifier;
import dialtone.core.failure.InfrastructureProblem;
import dialtone.core.failure.ProductDefect;
import dialtone.core.failure.ProgressLost;
import dialtone.core.phone.AdbException;
import dialtone.core.screen.LocatorNotFoundException;
import dialtone.model.profile.DeviceProfile;
import dialtone.model.profile.DeviceProfiles;
import dialtone.model.profile.PhoneScreen;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.NoSuchSessionException;

/**
 * What a stage may absorb and what it never may: only the lab's failures are absorbed (the phone
 * brought back, the stage run again), a bounded number of times; product defects, policy problems
 * and test defects go straight through.
 */
class StageRecoveryTest {
    private final List<String> settled = new ArrayList<>();
    private final StageRecovery recovery = new StageRecovery("desk-1", (stage, cause) -> settled.add(stage + " | " + cause), Duration.ZERO);

    @Test
    void aLabFailureIsAbsorbedAndTheStageRunsAgain() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        String shown = recovery.converge("Technician dials its code", () -> {
            if (runs.incrementAndGet() == 1) throw new NoSuchSessionException("invalid session id");
            return "12345678";
        });
        assertThat(shown).isEqualTo("12345678");
        assertThat(runs).hasValue(2);
        assertThat(settled).singleElement().asString()
                .startsWith("Technician dials its code | NoSuchSessionException: invalid session id");
    }

    @Test
    void productDefectsPolicyProblemsAndTestDefectsAreNeverAbsorbed() {
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> recovery.converge("code", () -> {
            runs.incrementAndGet();
            throw new ProductDefect("desk-1 refused its own verification code");
        })).isInstanceOf(ProductDefect.class);
        assertThatThrownBy(() -> recovery.converge("sign-in", () -> {
            runs.incrementAndGet();
            throw new EnvironmentProblem("the tenant blocks enrolment");
        })).isInstanceOf(EnvironmentProblem.class);
        assertThatThrownBy(() -> recovery.converge("home", () -> {
            runs.incrementAndGet();
            throw new AssertionError("Common Area Phone home");
        })).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> recovery.converge("npe", () -> {
            runs.incrementAndGet();
            throw new NullPointerException("a test bug");
        })).isInstanceOf(NullPointerException.class);
        assertThat(runs).as("each ran once").hasValue(4);
        assertThat(settled).isEmpty();
    }

    @Test
    void aStageThatKeepsFailingForTheLabFailsAfterTheLimit() {
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> recovery.converge("reset", () -> {
            throw new AdbException("127.0.0.1:5555: ADB shell 'getprop' failed (" + runs.incrementAndGet() + ")");
        })).isInstanceOf(AdbException.class).hasMessageContaining("(" + (StageRecovery.MAX_ABSORBED + 1) + ")");
        assertThat(settled).hasSize(StageRecovery.MAX_ABSORBED);
    }

    @Test
    void aPhoneThatDoesNotComeBackLeavesTheFailureAsItWas() {
        StageRecovery lost = new StageRecovery("desk-1", (stage, cause) -> false, Duration.ZERO);
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> lost.converge("reset", () -> {
            runs.incrementAndGet();
            throw new AdbException("127.0.0.1:5555: gone");
        })).isInstanceOf(AdbException.class).hasMessage("127.0.0.1:5555: gone");
        assertThat(runs).hasValue(1);
    }

    @Test
    void aScreenMissingAfterAbsorbedLabTroubleIsTheLabsNotTheTests() {
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> recovery.converge("Technician taps Next", () -> {
            if (runs.incrementAndGet() == 1) throw new AdbException("127.0.0.1:5555: connection reset (the phone rebooted)");
            throw missing("nextButton");
        })).isInstanceOf(InfrastructureProblem.class)
                .hasMessageContaining("stage 'Technician taps Next' could not resume after AdbException")
                .satisfies(e -> assertThat(FailureClassifier.classify(e).category()).isEqualTo(FailureCategory.INFRASTRUCTURE))
                .satisfies(e -> assertThat(e.getSuppressed()).hasAtLeastOneElementOfType(LocatorNotFoundException.class));

        assertThatThrownBy(() -> recovery.converge("first look", () -> {
            throw missing("settingsButton");
        })).as("without lab trouble first, a missing screen stays a test defect")
                .isInstanceOf(LocatorNotFoundException.class);
    }

    @Test
    void progressLostInAStageIsPassedOnToTheUnitAroundItThatStartsOver() throws Exception {
        AtomicInteger units = new AtomicInteger();
        AtomicInteger stages = new AtomicInteger();
        String home = recovery.converge("Remote sign-in", () -> {
            units.incrementAndGet();
            return recovery.converge("The phone reaches its home screen", () -> {
                if (stages.incrementAndGet() == 1) throw new ProgressLost("desk-1 rebooted while signing in");
                return "home";
            });
        });
        assertThat(home).isEqualTo("home");
        assertThat(units).as("the sign-in started over once").hasValue(2);
        assertThat(stages).hasValue(2);
        assertThat(settled).singleElement().asString().startsWith("Remote sign-in | ProgressLost: desk-1 rebooted");
    }

    private static LocatorNotFoundException missing(String element) {
        DeviceProfile ccx500 = DeviceProfiles.loadDirectory(Path.of("../../device-profiles")).get("poly-ccx500");
        PhoneScreen screen = element.equals("nextButton") ? PhoneScreen.PROVISION_CODE : PhoneScreen.SIGN_IN;
        return new LocatorNotFoundException(ccx500, screen, element, ccx500.locator(screen, element), Duration.ofSeconds(20));
    }

    @Test
    void withoutRecoveryEveryStageRunsOnce() {
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> StageRecovery.none().converge("reset", () -> {
            runs.incrementAndGet();
            throw new AdbException("gone");
        })).isInstanceOf(AdbException.class);
        assertThat(runs).hasValue(1);
    }
}
