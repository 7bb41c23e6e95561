package dialtone.simulator.phone;

import java.time.Duration;

/**
 * How long a virtual phone takes for what a real phone takes time for, already scaled.
 * A real CCX boots in about a minute and processes a verification code in "several seconds";
 * the virtual rack runs these at {@code scale} (1.0 = real time) so suites stay quick while every
 * wait in the harness is still exercised.
 */
public record SimulatorTiming(Duration boot, Duration provisioning, Duration successScreen, Duration signingIn,
                              Duration commandWait) {

    private static final Duration REAL_BOOT = Duration.ofSeconds(60);
    private static final Duration REAL_PROVISIONING = Duration.ofSeconds(6);
    private static final Duration REAL_SUCCESS_SCREEN = Duration.ofSeconds(4);
    private static final Duration REAL_SIGNING_IN = Duration.ofSeconds(10);
    /** A success screen stays readable however fast the rack runs, as on a real phone. */
    private static final Duration MIN_SUCCESS_SCREEN = Duration.ofSeconds(2);

    public static SimulatorTiming scaled(double scale) {
        if (!(scale > 0 && scale <= 10)) {
            throw new IllegalArgumentException("time scale must be > 0 and <= 10, found " + scale);
        }
        return new SimulatorTiming(scale(REAL_BOOT, scale), scale(REAL_PROVISIONING, scale),
                max(scale(REAL_SUCCESS_SCREEN, scale), MIN_SUCCESS_SCREEN), scale(REAL_SIGNING_IN, scale), Duration.ofSeconds(25));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration scale(Duration d, double scale) {
        return Duration.ofMillis(Math.max(1, Math.round(d.toMillis() * scale)));
    }
}
