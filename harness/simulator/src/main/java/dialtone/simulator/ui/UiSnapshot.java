package dialtone.simulator.ui;

import java.util.Objects;

/**
 * What a phone shows at one moment: the root of its UI tree, the display size, and a generation
 * number that changes whenever the screen's content changes (element references of an older
 * generation are stale).
 */
public record UiSnapshot(UiNode root, int width, int height, long generation) {

    public UiSnapshot {
        Objects.requireNonNull(root, "root");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("display size must be positive: " + width + "x" + height);
        }
    }
}
