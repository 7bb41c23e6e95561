package dialtone.model.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FirmwareVersionTest {
    @Test
    void comparesNumericallyPartByPart() {
        assertThat(FirmwareVersion.parse("7.10.0")).isGreaterThan(FirmwareVersion.parse("7.9.9"));
        assertThat(FirmwareVersion.parse("9.0.0.10315")).isGreaterThan(FirmwareVersion.parse("8.1.6.1006"));
        assertThat(FirmwareVersion.parse("7.0")).isEqualTo(FirmwareVersion.parse("7.0.0"));
        assertThat(FirmwareVersion.parse("7.2.1.1707").major()).isEqualTo(7);
    }

    @Test
    void rejectsWhatIsNotAVersion() {
        assertThatThrownBy(() -> FirmwareVersion.parse("7.x")).hasMessageContaining("'7.x'");
        assertThatThrownBy(() -> FirmwareVersion.parse("")).isInstanceOf(IllegalArgumentException.class);
    }
}
