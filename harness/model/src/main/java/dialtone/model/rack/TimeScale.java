package dialtone.model.rack;

/**
 * How fast a virtual rack runs: every device-side duration of a virtual phone (boot, provisioning,
 * sign-in, ...) is its real duration times this factor. 1.0 is real time; the default, 0.05, runs a
 * one-minute boot in three seconds. A rack file may set it ({@code timeScale}); the command line's
 * {@code --time-scale} overrides the file.
 */
public record TimeScale(double factor) {
    public static final TimeScale DEFAULT = new TimeScale(0.05);
    public static final double MAX = 10;

    public TimeScale {
        if (!(factor > 0 && factor <= MAX)) {
            throw new IllegalArgumentException("time scale must be > 0 and <= " + (int) MAX + " (1 = real time), found " + factor);
        }
    }

    public static TimeScale parse(String text) {
        try {
            return new TimeScale(Double.parseDouble(text.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("time scale must be a number such as 0.05 (1 = real time), found '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return Double.toString(factor);
    }
}
