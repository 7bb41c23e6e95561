package dialtone.core.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebDriverException;

class RecoveryLogTest {
    @TempDir
    Path reports;

    @Test
    void aCauseIsTheFailuresTypeAndFirstMeaningfulLineCutShort() {
        assertThat(RecoveryLog.cause(new IllegalStateException("ADB shell failed\n\tat somewhere"))).isEqualTo("IllegalStateException: ADB shell failed");
        assertThat(RecoveryLog.cause(new WebDriverException((String) null))).as("only Selenium's build info").isEqualTo("WebDriverException");
        assertThat(RecoveryLog.cause(new RuntimeException("x".repeat(1_000)))).hasSize(RecoveryLog.MAX_CAUSE).endsWith("…");
        assertThat(RecoveryLog.cause(null)).isEqualTo("unknown");
    }

    @Test
    void entriesAreAppendedOneJsonObjectPerLineAndWithoutADirectoryNothingIsWritten() throws Exception {
        RecoveryLog log = RecoveryLog.in(reports.resolve("run"));
        log.record(new RecoveryLog.Entry(Instant.parse("2026-11-27T08:00:00Z"), "desk-7", "reboot", "AdbException: \"gone\"", false, 1200));
        log.record(new RecoveryLog.Entry(Instant.parse("2026-11-27T08:00:02Z"), "desk-7", "powerCycle", "AdbException: \"gone\"", true, 900));
        assertThat(Files.readAllLines(reports.resolve("run/recovery.jsonl"))).containsExactly(
                "{\"time\":\"2026-11-27T08:00:00Z\",\"device\":\"desk-7\",\"rung\":\"reboot\",\"cause\":\"AdbException: \\\"gone\\\"\",\"outcome\":\"failed\",\"millis\":1200}",
                "{\"time\":\"2026-11-27T08:00:02Z\",\"device\":\"desk-7\",\"rung\":\"powerCycle\",\"cause\":\"AdbException: \\\"gone\\\"\",\"outcome\":\"recovered\",\"millis\":900}");
        RecoveryLog.none().record(new RecoveryLog.Entry(Instant.now(), "desk-7", "reboot", "x", true, 1));
        assertThat(RecoveryLog.none().file()).isEmpty();
    }
}
