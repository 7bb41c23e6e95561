package dialtone.simulator.appium;

import dialtone.simulator.ui.UiTree;
import java.time.Duration;
import java.util.Map;

/** One W3C session: a client driving one phone. */
final class Session {

    private final String id;
    private final AppiumDevice device;
    private final Map<String, Object> capabilities;
    private final String appPackage;
    private volatile long implicitWaitMillis;
    private volatile Long pageLoadMillis = 300_000L;
    private volatile Long scriptMillis = 30_000L;

    Session(String id, AppiumDevice device, Map<String, Object> capabilities) {
        this.id = id;
        this.device = device;
        this.capabilities = Map.copyOf(capabilities);
        Object pkg = capabilities.get("appium:appPackage");
        this.appPackage = pkg instanceof String s && !s.isBlank() ? s : null;
    }

    String id() { return id; }
    AppiumDevice device() { return device; }
    Map<String, Object> capabilities() { return capabilities; }
    /** Completes bare ids; null means "the foreground app's package". */
    String appPackage() { return appPackage; }

    Duration implicitWait() { return Duration.ofMillis(implicitWaitMillis); }
    void implicitWaitMillis(long ms) { implicitWaitMillis = ms; }
    Long pageLoadMillis() { return pageLoadMillis; }
    void pageLoadMillis(Long ms) { pageLoadMillis = ms; }
    Long scriptMillis() { return scriptMillis; }
    void scriptMillis(Long ms) { scriptMillis = ms; }

    UiTree currentTree() {
        return UiTree.of(device.screen());
    }
}
