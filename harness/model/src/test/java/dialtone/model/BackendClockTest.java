package dialtone.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BackendClockTest {
    @Test
    void advancesAndSharesTheOffsetWithZonedViews() {
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        BackendClock clock = BackendClock.fixedAt(start);
        BackendClock paris = clock.withZone(ZoneId.of("Europe/Paris"));
        assertThat(clock.advance(Duration.ofHours(24))).isEqualTo(start.plus(Duration.ofHours(24)));
        assertThat(paris.instant()).isEqualTo(start.plus(Duration.ofHours(24)));
        assertThat(clock.offset()).isEqualTo(Duration.ofHours(24));
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void systemClockRunsAhead() {
        BackendClock clock = BackendClock.system();
        clock.advance(Duration.ofMinutes(15));
        assertThat(clock.instant()).isAfter(Instant.now().plus(Duration.ofMinutes(14)));
    }
}
