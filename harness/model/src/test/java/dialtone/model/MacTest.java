package dialtone.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MacTest {
    @ParameterizedTest
    @ValueSource(strings = {"64:16:7F:0A:0B:0C", "64-16-7f-0a-0b-0c", "64167F0A0B0C", "64167f0a0b0c",
            "  64:16:7f:0A:0b:0C\t", "64-16-7F-0A-0B-0C"})
    void acceptsTheCommonSpellings(String spelling) {
        Mac mac = Mac.parse(spelling);
        assertThat(mac.toString()).isEqualTo("64:16:7F:0A:0B:0C");
        assertThat(mac.compact()).isEqualTo("64167F0A0B0C");
        assertThat(mac.linuxForm()).isEqualTo("64:16:7f:0a:0b:0c");
        assertThat(mac).isEqualTo(Mac.parse("64167F0A0B0C")).hasSameHashCodeAs(Mac.parse("64167F0A0B0C"));
    }

    @Test
    void rejectsWrongLength() {
        assertThatThrownBy(() -> Mac.parse("64:16:7F:0A:0B"))
                .isInstanceOf(InvalidMacException.class)
                .hasMessageContaining("\"64:16:7F:0A:0B\"")
                .hasMessageContaining("wrong length: 14 characters");
    }

    @Test
    void rejectsBadCharacterAndSaysWhere() {
        assertThatThrownBy(() -> Mac.parse("64:16:7G:0A:0B:0C"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"64:16:7G:0A:0B:0C\"")
                .hasMessageContaining("bad character 'G' at position 8");
        assertThatThrownBy(() -> Mac.parse("64167F0A0B0Z")).hasMessageContaining("bad character 'Z' at position 12");
        assertThatThrownBy(() -> Mac.parse(" 64167F0A0B0Z")).hasMessageContaining("at position 13");
    }

    @Test
    void rejectsMixedSeparators() {
        assertThatThrownBy(() -> Mac.parse("64:16-7F:0A:0B:0C")).hasMessageContaining("mixed separators");
    }

    @Test
    void rejectsAWrongSeparator() {
        assertThatThrownBy(() -> Mac.parse("64.16.7F.0A.0B.0C")).hasMessageContaining("bad character '.' at position 3");
    }

    @Test
    void rejectsEmptyAndNull() {
        assertThatThrownBy(() -> Mac.parse("   ")).hasMessageContaining("it is empty");
        assertThatThrownBy(() -> Mac.parse(null)).isInstanceOf(InvalidMacException.class);
        assertThat(Mac.isValid("nonsense")).isFalse();
    }

    @Test
    void jsonIsTheCanonicalString() throws Exception {
        ObjectMapper mapper = Json.newMapper();
        assertThat(mapper.writeValueAsString(Mac.parse("64-16-7f-0a-0b-0c"))).isEqualTo("\"64:16:7F:0A:0B:0C\"");
        assertThat(mapper.readValue("\"64167f0a0b0c\"", Mac.class)).isEqualTo(Mac.parse("64:16:7F:0A:0B:0C"));
    }
}
