package dialtone.suites.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dialtone.core.failure.FailureCategory;
import dialtone.core.failure.FailureClassifier;
import dialtone.core.failure.ProductDefect;
import dialtone.core.phone.AdbException;
import org.junit.jupiter.api.Test;

/** A soak failure names its cycle and keeps the category of what went wrong in it. */
class SoakCycleFailureTest {
    @Test
    void aProductDefectInACycleStaysOneAndNamesTheCycle() {
        Throwable f = SoakTest.cycleFailure(2, 3, "ccx500-1", new AssertionError("organization name on the sign-in screen was empty"));
        assertThat(f).isInstanceOf(ProductDefect.class)
                .hasMessage("Soak cycle 2 of 3 on ccx500-1 failed: organization name on the sign-in screen was empty");
        assertThat(FailureClassifier.classify(f).category()).isEqualTo(FailureCategory.PRODUCT_DEFECT);
    }

    @Test
    void adbTroubleInACycleStaysInfrastructureSoItIsRetried() {
        Throwable f = SoakTest.cycleFailure(3, 3, "trio-c60-1", new AdbException("127.0.0.1:15603: connection reset"));
        assertThat(f).isNotInstanceOf(AssertionError.class).hasMessageStartingWith("Soak cycle 3 of 3 on trio-c60-1 failed: ADB to the phone failed");
        assertThat(FailureClassifier.classify(f).category()).isEqualTo(FailureCategory.INFRASTRUCTURE);
    }

    @Test
    void theCycleCountIsAPositiveWholeNumber() {
        assertThat(SoakTest.cycles(" 2 ")).isEqualTo(2);
        assertThatThrownBy(() -> SoakTest.cycles("0")).hasMessage("soak cycles must be a whole number >= 1, got '0'");
        assertThatThrownBy(() -> SoakTest.cycles("two")).hasMessage("soak cycles must be a whole number >= 1, got 'two'");
    }
}
