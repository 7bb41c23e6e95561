package dialtone.simulator.appium;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A signal a phone raises whenever its screen changes, so implicit waits wake up at once instead
 * of polling. The phone calls {@link #publish(long)} with the new generation after every change
 * and implements {@link AppiumDevice#awaitScreenChange} with {@link #awaitChange}.
 */
public final class ScreenChanges {

    private long generation;

    public ScreenChanges(long initialGeneration) {
        this.generation = initialGeneration;
    }

    /** Records the screen's new generation and wakes every waiter. */
    public synchronized void publish(long newGeneration) {
        generation = newGeneration;
        notifyAll();
    }

    public synchronized long generation() {
        return generation;
    }

    /**
     * Waits until the published generation differs from {@code known} or the timeout passes.
     *
     * @return true if the generation changed
     */
    public synchronized boolean awaitChange(long known, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (generation == known) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

}
