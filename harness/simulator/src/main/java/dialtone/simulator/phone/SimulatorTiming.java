package dialtone.simulator.phone;

import dialtone.model.rack.TimeScale;
import java.time.Duration;

/**
 * How long a virtual phone takes for what a real phone takes time for: its firmware line's
 * real-time durations ({@link FirmwareLine.Timings}) times the rack's time scale (1.0 = real time),
 * so suites stay quick while the order and relative timing of events stay those of the line.
 */
public record SimulatorTiming(Duration boot, Duration provisioning, Duration successScreen, Duration signingIn,
                              Duration enrolmentStep, Duration tokenRefresh, Duration commandWait) {

    /** A success screen stays readable however fast the rack runs, as on a real phone. */
    private static final Duration MIN_SUCCESS_SCREEN = Duration.ofSeconds(2);
    /** The command channel's long-poll: a protocol setting, not a device duration, so never scaled. */
    private static final Duration COMMAND_WAIT = Duration.ofSeconds(25);

    /** The line's durations at {@code scale}. */
    public static SimulatorTiming of(FirmwareLine line, TimeScale timeScale) {
        double scale = timeScale.factor();
        FirmwareLine.Timings t = line.timings();
        return new SimulatorTiming(scale(t.boot(), scale), scale(t.provisioning(), scale),
                max(scale(t.successScreen(), scale), MIN_SUCCESS_SCREEN), scale(t.signingIn(), scale),
                scale(t.enrolmentStep(), scale), scale(t.tokenRefresh(), scale), COMMAND_WAIT);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration scale(Duration d, double scale) {
        return Duration.ofMillis(Math.max(1, Math.round(d.toMillis() * scale)));
    }
}
