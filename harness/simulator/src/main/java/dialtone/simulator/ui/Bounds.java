package dialtone.simulator.ui;

/** A node's rectangle on screen in pixels, as UiAutomator2 reports it: left/top inclusive, right/bottom exclusive. */
public record Bounds(int left, int top, int right, int bottom) {

    public static final Bounds EMPTY = new Bounds(0, 0, 0, 0);

    public Bounds {
        if (right < left || bottom < top) {
            throw new IllegalArgumentException("bounds must not be inverted: " + format(left, top, right, bottom));
        }
    }

    public static Bounds of(int x, int y, int width, int height) {
        return new Bounds(x, y, x + width, y + height);
    }

    public int width() {
        return right - left;
    }

    public int height() {
        return bottom - top;
    }

    public int centerX() {
        return left + width() / 2;
    }

    public int centerY() {
        return top + height() / 2;
    }

    /** The centre point as {x, y}. */
    public int[] center() {
        return new int[] {centerX(), centerY()};
    }

    public boolean contains(int x, int y) {
        return x >= left && x < right && y >= top && y < bottom;
    }

    /** A copy shrunk by {@code d} pixels on every side (never inverted). */
    public Bounds inset(int d) {
        int l = Math.min(left + d, centerX());
        int t = Math.min(top + d, centerY());
        return new Bounds(l, t, Math.max(l, right - d), Math.max(t, bottom - d));
    }

    /** UiAutomator2's format: {@code [l,t][r,b]}. */
    @Override
    public String toString() {
        return format(left, top, right, bottom);
    }

    private static String format(int l, int t, int r, int b) {
        return "[" + l + "," + t + "][" + r + "," + b + "]";
    }
}
