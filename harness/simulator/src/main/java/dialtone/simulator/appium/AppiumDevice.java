package dialtone.simulator.appium;

import dialtone.simulator.ui.ScreenRenderer;
import dialtone.simulator.ui.UiNode;
import dialtone.simulator.ui.UiSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a virtual phone offers the Appium server. The server only reads screens and forwards
 * touches, keys and shell commands; all behaviour is the phone's. Methods may be called from
 * several HTTP threads at once.
 */
public interface AppiumDevice {

    /** The phone's adb serial, {@code host:port}; sessions pick their phone by {@code appium:udid}. */
    String udid();

    /** The current screen. Its generation must change whenever its content changes. */
    UiSnapshot screen();

    /** A tap on {@code node}: run its onClick, or ignore it if it is not clickable or not enabled. */
    default void click(UiNode node) {
        if (node.clickable() && node.enabled()) {
            node.onClick().ifPresent(Runnable::run);
        }
    }

    /** Keys sent to {@code node}: append {@code text} to its current text and call its onInput. */
    default void type(UiNode node, String text) {
        node.onInput().ifPresent(input -> input.accept(node.text() + text));
    }

    /** Empty the field {@code node} (call its onInput with ""). */
    default void clear(UiNode node) {
        node.onInput().ifPresent(input -> input.accept(""));
    }

    /** A PNG of the current screen, drawn from its UI tree. */
    default byte[] screenshotPng() {
        return ScreenRenderer.png(screen());
    }

    /** {@code mobile: shell}: run {@code command args...} and return its stdout. */
    String shell(String command, List<String> args);

    /** An Android key event, e.g. 4 = BACK, 3 = HOME. */
    void pressKey(int androidKeycode);

    /** Capabilities reported for a session, e.g. platformVersion, deviceModel, deviceManufacturer. */
    Map<String, Object> deviceCapabilities();

    /**
     * Blocks until the screen's generation is no longer {@code generation}, the timeout passes, or
     * the thread is interrupted. Used by implicit waits: phones signal changes with a
     * {@link ScreenChanges} and implement this with {@code changes.awaitChange(generation, timeout)},
     * so nothing polls.
     */
    void awaitScreenChange(long generation, Duration timeout) throws InterruptedException;

    /**
     * Waits, at most {@code max}, until the phone's UI answers again (a frozen UI, as when a real
     * phone's UiAutomator2 server hangs). Returns false when it is still frozen after {@code max};
     * the server then answers the command with the W3C error {@code timeout}. Phones that never
     * freeze keep the default.
     */
    default boolean awaitUiResponsive(Duration max) throws InterruptedException {
        return true;
    }

    /** False while the phone cannot be reached at all (off, or wedged): a new session is refused. */
    default boolean answering() {
        return true;
    }
}
