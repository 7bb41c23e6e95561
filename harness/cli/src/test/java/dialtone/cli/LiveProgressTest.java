package dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-phone progress lines: printed on a stage change in a pipe, redrawn in place on a terminal. */
class LiveProgressTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    private final AtomicLong nanos = new AtomicLong();

    private LiveProgress progress(LiveProgress.Mode mode, int width) {
        LiveProgress p = new LiveProgress(out, mode, nanos::get, width);
        p.addPhone("ccx500-1");
        p.addPhone("trio-c60-1");
        return p;
    }

    @Test
    void inAPipeALineIsPrintedOnlyWhenAPhonesStageChanges() {
        LiveProgress p = progress(LiveProgress.Mode.LINES, 120);
        p.started("ccx500-1", "provisionAndSignInRemotely");
        nanos.addAndGet(2_500_000_000L);
        p.stage("ccx500-1", "Factory reset: the phone boots to the sign-in screen");
        p.stage("ccx500-1", "Factory reset: the phone boots to the sign-in screen");
        nanos.addAndGet(10_000_000_000L);
        p.stage("ccx500-1", "Admin adds the MAC address with its location");
        p.ended("ccx500-1", "provisionAndSignInRemotely", "passed");
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("""
                ccx500-1       0.0s  provisionAndSignInRemotely: starting
                ccx500-1       2.5s  provisionAndSignInRemotely: Factory reset: the phone boots to the sign-in screen
                ccx500-1      12.5s  provisionAndSignInRemotely: Admin adds the MAC address with its location
                ccx500-1      12.5s  provisionAndSignInRemotely: passed
                """);
    }

    @Test
    void onATerminalTheLinesAreRedrawnInPlaceAndCutToTheWidth() {
        LiveProgress p = progress(LiveProgress.Mode.LIVE, 60);
        p.redraw();
        p.started("trio-c60-1", "provisionAndSignInRemotely");
        nanos.addAndGet(1_000_000_000L);
        p.stage("trio-c60-1", "Technician dials the verification code");
        String s = printed.toString(StandardCharsets.UTF_8);
        String[] frames = s.split("\033\\[2F", -1);
        assertThat(frames).as("each redraw first moves up over the two lines drawn before").hasSize(3);
        assertThat(frames[0]).isEqualTo("\033[2Kccx500-1       0.0s  waiting\n\033[2Ktrio-c60-1     0.0s  waiting\n");
        assertThat(frames[2]).isEqualTo("\033[2Kccx500-1       1.0s  waiting\n"
                + "\033[2Ktrio-c60-1     1.0s  provisionAndSignInRemotely: Technician…\n");
        assertThat(p.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(60));
    }

    @Test
    void offPrintsNothing() {
        LiveProgress p = progress(LiveProgress.Mode.OFF, 120);
        p.started("ccx500-1", "t");
        p.stage("ccx500-1", "s");
        p.close();
        assertThat(printed.size()).isZero();
        assertThat(p.lines()).first().asString().contains("t: s");
    }
}
