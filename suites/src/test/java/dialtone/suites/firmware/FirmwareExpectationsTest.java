package dialtone.suites.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** --expect-firmware MODEL=VERSION: parsing, and the round trip through the suite parameter. */
class FirmwareExpectationsTest {
    @Test
    void roundTripsThroughTheSuiteParameter() {
        FirmwareExpectations e = FirmwareExpectations.parse(List.of("poly-ccx500=7.2.1.1707", " CCX 600 = 9.0.0.10400 "));
        assertThat(e.toParameter()).isEqualTo("poly-ccx500=7.2.1.1707,CCX 600=9.0.0.10400");
        assertThat(FirmwareExpectations.fromParameter(e.toParameter()).toParameter()).isEqualTo(e.toParameter());
        assertThat(FirmwareExpectations.fromParameter("").isEmpty()).isTrue();
    }

    @Test
    void badOptionsSayWhatIsWrong() {
        assertThatThrownBy(() -> FirmwareExpectations.parse(List.of("=9.0.0.1"))).hasMessageEndingWith("got '=9.0.0.1' (no MODEL)");
        assertThatThrownBy(() -> FirmwareExpectations.parse(List.of("a,b=9.0.0.1"))).hasMessageContaining("one MODEL=VERSION per option");
        assertThatThrownBy(() -> FirmwareExpectations.parse(List.of("CCX 600=9.0.0.1", "ccx 600=9.0.0.2")))
                .hasMessage("--expect-firmware names ccx 600 twice, with 9.0.0.1 and 9.0.0.2");
    }
}
