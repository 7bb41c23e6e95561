package dialtone.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dialtone.core.VirtualLab;
import dialtone.core.phone.Phone;
import dialtone.model.audit.AuditEvent;
import dialtone.model.profile.Recovery;
import dialtone.model.rack.TimeScale;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Evidence after a failure is collected with recovery off (no new Appium session, no ADB reconnect)
 * and within the profile's diagnostics budget; what it cannot collect is noted, never thrown.
 */
class EvidenceTest {
    static VirtualLab lab;
    private static AllureLifecycle previous;
    @TempDir
    static Path allureResults;
    private Phone phone;

    @BeforeAll
    static void startRack() {
        previous = Allure.getLifecycle();
        Allure.setLifecycle(new AllureLifecycle(new FileSystemResultsWriter(allureResults)));
        lab = VirtualLab.start(2, new TimeScale(0.01));
    }

    @AfterAll
    static void stopRack() {
        lab.close();
        Allure.setLifecycle(previous);
    }

    @AfterEach
    void closePhone() {
        if (phone != null) phone.close();
    }

    private Phone phone(String id, Duration diagnostics) {
        Recovery r = Recovery.DEFAULTS;
        phone = lab.phone(id, lab.profile(id).withRecovery(new Recovery(r.steps(), r.powerOffFor(), diagnostics)));
        return phone;
    }

    @Test
    void evidenceNeverOpensASessionNorReconnectsAdbAndNotesWhatItCouldNotGet() throws IOException {
        Phone p = phone("phone-1", Duration.ofSeconds(10));
        assertThat(p.adb().shell("echo up")).isEqualTo("up\n");
        lab.inject("phone-1", "{\"type\":\"dropAdb\"}");

        Evidence.Diagnostics d = new Evidence(p, () -> List.<AuditEvent>of()).failure("sign in");

        assertThat(d.captured()).containsExactly("backend audit log");
        assertThat(d.notes()).containsExactly(
                "page source: failed: no Appium session open (evidence never opens one)",
                "screenshot: failed: no Appium session open (evidence never opens one)",
                d.notes().get(2));
        assertThat(d.notes().get(2)).as("the dropped connection is not reconnected").startsWith("logcat: failed: ");
        assertThat(p.session()).as("no session was made").isEmpty();
        assertThat(p.adb().shell("echo again")).as("the next ordinary call reconnects").isEqualTo("again\n");
        assertThat(attachments()).as("the notes are attached for the report's reader")
                .anySatisfy(a -> assertThat(a).contains("screenshot: failed: no Appium session open"));
    }

    private static List<String> attachments() throws IOException {
        try (Stream<Path> files = Files.list(allureResults)) {
            List<String> texts = new ArrayList<>();
            for (Path f : files.filter(f -> f.toString().endsWith("-attachment.txt")).toList()) texts.add(Files.readString(f));
            return texts;
        }
    }

    @Test
    void aCaptureThatHangsIsCutAtTheBudgetAndAFailingAuditIsNoted() {
        Phone p = phone("phone-2", Duration.ofMillis(800));
        p.driver();
        lab.inject("phone-2", "{\"type\":\"freezeUi\",\"seconds\":60}");
        long start = System.nanoTime();
        Evidence.Diagnostics d = new Evidence(p, () -> {
            throw new IllegalStateException("backend unreachable");
        }).failure("provision");
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(millis).as("capped near the 800 ms budget, not the frozen UI's 30 s").isLessThan(3_000);
        assertThat(d.notes()).first().asString().isEqualTo("page source: no answer within the diagnostics budget of 800 ms");
        assertThat(d.notes()).contains("backend audit log: skipped, the diagnostics budget of 800 ms is spent");
        assertThat(d.captured()).doesNotContain("page source", "backend audit log");
        lab.clearFaults("phone-2");
    }
}
