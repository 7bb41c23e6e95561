package dialtone.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CodesTest {
    @Test
    void verificationCodesAreSixDigits() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            VerificationCode code = VerificationCode.generate();
            assertThat(code.digits()).matches("[0-9]{6}");
            seen.add(code.digits());
        }
        assertThat(seen).hasSizeGreaterThan(150);
        assertThat(VerificationCode.parse(" 697150 ").digits()).isEqualTo("697150");
        assertThat(VerificationCode.parse("697150").matches("697150")).isTrue();
        assertThat(VerificationCode.parse("697150").matches("697151")).isFalse();
        assertThatThrownBy(() -> VerificationCode.parse("69715")).hasMessageContaining("6 digits");
        assertThatThrownBy(() -> VerificationCode.parse("69715a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deviceLoginCodesUseTheUnambiguousAlphabet() {
        assertThat(DeviceLoginCode.entropyBits()).isGreaterThanOrEqualTo(34);
        assertThat(DeviceLoginCode.ALPHABET).doesNotContain("0", "O", "1", "I", "L", "A", "E", "U", "S", "5", "Z", "2");
        for (int i = 0; i < 200; i++) {
            String code = DeviceLoginCode.generate().toString();
            assertThat(code).hasSize(9);
            assertThat(code.chars()).allMatch(c -> DeviceLoginCode.ALPHABET.indexOf(c) >= 0);
        }
    }

    @Test
    void deviceLoginCodesCompareIgnoringCaseDashesAndSpaces() {
        DeviceLoginCode seen = DeviceLoginCode.parse("EV9PGNQN8");
        assertThat(DeviceLoginCode.parse("ev9-pgn-qn8")).isEqualTo(seen).hasSameHashCodeAs(seen);
        assertThat(DeviceLoginCode.parse(" ev9 pgnqn8 ").normalized()).isEqualTo("EV9PGNQN8");
        assertThat(DeviceLoginCode.normalize("ab-c d")).isEqualTo("ABCD");
        assertThatThrownBy(() -> DeviceLoginCode.parse("EV9!")).isInstanceOf(IllegalArgumentException.class);
    }
}
