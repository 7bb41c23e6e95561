package dialtone.simulator.appium;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ScreenChangesTest {

    @Test
    void wakesWaitersWhenTheGenerationChanges() throws Exception {
        ScreenChanges changes = new ScreenChanges(1);
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        try {
            CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
                try {
                    return changes.awaitChange(1, Duration.ofHours(1)); // woken, or it would wait the hour
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            later.schedule(() -> changes.publish(2), 100, TimeUnit.MILLISECONDS);
            assertThat(waiter.get(1, TimeUnit.MINUTES)).isTrue();
        } finally {
            later.shutdownNow();
        }
    }

    @Test
    void givesUpAfterTheTimeout() throws Exception {
        ScreenChanges changes = new ScreenChanges(5);
        long start = System.nanoTime();
        assertThat(changes.awaitChange(5, Duration.ofMillis(150))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void returnsAtOnceIfAlreadyChanged() throws Exception {
        ScreenChanges changes = new ScreenChanges(7);
        assertThat(CompletableFuture.supplyAsync(() -> {
            try {
                return changes.awaitChange(6, Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }).get(5, TimeUnit.SECONDS)).isTrue();
    }

}
