package dialtone.simulator.appium;

import dialtone.simulator.ui.UiNode;
import dialtone.simulator.ui.UiSnapshot;
import dialtone.simulator.ui.UiTree;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One W3C session: a client driving one phone. Knows its timeouts and when it was last used, so
 * {@link Sessions} can end it after {@code appium:newCommandTimeout} of idleness.
 */
final class Session {

    private final String id;
    private final AppiumDevice device;
    private final Map<String, Object> capabilities;
    private final String appPackage;
    /** Idle time after which the server deletes the session; zero means never. */
    private final Duration newCommandTimeout;
    /** How long a command waits for a frozen UI before it answers {@code timeout}. */
    private final Duration uiBudget;
    private volatile long implicitWaitMillis;
    private volatile Long pageLoadMillis = 300_000L;
    private volatile Long scriptMillis = 30_000L;
    private int runningCommands;
    private long lastActivityNanos = System.nanoTime();

    Session(String id, AppiumDevice device, Map<String, Object> capabilities, Duration newCommandTimeout, Duration uiBudget) {
        this.id = id;
        this.device = device;
        this.capabilities = Collections.unmodifiableMap(new LinkedHashMap<>(capabilities)); // values may be null
        this.newCommandTimeout = newCommandTimeout;
        this.uiBudget = uiBudget;
        Object pkg = capabilities.get("appium:appPackage");
        this.appPackage = pkg instanceof String s && !s.isBlank() ? s : null;
    }

    String id() { return id; }
    AppiumDevice device() { return device; }
    String udid() { return device.udid(); }
    Map<String, Object> capabilities() { return capabilities; }
    /** Completes bare ids; null means "the foreground app's package". */
    String appPackage() { return appPackage; }

    Duration implicitWait() { return Duration.ofMillis(implicitWaitMillis); }
    void implicitWaitMillis(long ms) { implicitWaitMillis = ms; }
    Long pageLoadMillis() { return pageLoadMillis; }
    void pageLoadMillis(Long ms) { pageLoadMillis = ms; }
    Long scriptMillis() { return scriptMillis; }
    void scriptMillis(Long ms) { scriptMillis = ms; }

    // ---- idleness (newCommandTimeout), as Appium counts it: from the end of the last command ----

    synchronized void commandStarted() {
        runningCommands++;
    }

    synchronized void commandEnded() {
        runningCommands--;
        lastActivityNanos = System.nanoTime();
    }

    /** True if no command runs and none has for longer than the newCommandTimeout (never when it is 0). */
    synchronized boolean idleTooLong(long nowNanos) {
        return !newCommandTimeout.isZero() && runningCommands == 0 && nowNanos - lastActivityNanos > newCommandTimeout.toNanos();
    }

    Duration newCommandTimeout() { return newCommandTimeout; }

    // ---- the phone's UI ------------------------------------------------------------------------

    /**
     * Waits (at most the UI budget) for a frozen UI to answer again, as every UI command does.
     *
     * @throws WebDriverException timeout, if it stays frozen
     */
    void awaitUiResponsive() throws InterruptedException {
        if (!device.awaitUiResponsive(uiBudget)) {
            throw W3CError.TIMEOUT.exception("The phone's UI did not answer within " + uiBudget.toMillis()
                    + " ms (appium:uiautomator2ServerReadTimeout); it may be frozen");
        }
    }

    /** The current screen, once the UI answers. */
    UiSnapshot screen() throws InterruptedException {
        awaitUiResponsive();
        return device.screen();
    }

    UiTree currentTree() throws InterruptedException {
        return UiTree.of(screen());
    }

    /** The node an element id refers to on the current screen; stale if the screen changed since it was found. */
    UiNode element(String elementId) throws InterruptedException {
        return tree(elementId).node(ElementRef.parse(elementId).index());
    }

    /** The current tree, checked to still hold the element {@code elementId}. */
    UiTree tree(String elementId) throws InterruptedException {
        ElementRef ref = ElementRef.parse(elementId);
        UiTree tree = currentTree();
        if (tree.snapshot().generation() != ref.generation() || ref.index() >= tree.size()) {
            throw W3CError.STALE_ELEMENT_REFERENCE.exception("The element '" + elementId
                    + "' is no longer on the screen (the screen changed since it was found)");
        }
        return tree;
    }
}
