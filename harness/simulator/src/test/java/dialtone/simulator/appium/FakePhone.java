package dialtone.simulator.appium;

import dialtone.simulator.ui.Layout;
import dialtone.simulator.ui.UiNode;
import dialtone.simulator.ui.UiSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A tiny phone for server tests: a sign-in screen (with a disabled SSO button and a hidden Help
 * button) whose Next button leads to a dial pad screen. Its UI can be frozen, and the shell
 * command {@code explode} fails with a secret in the exception message.
 */
final class FakePhone implements AppiumDevice {

    static final String PKG = "com.microsoft.skype.teams.ipphone";

    private final String udid;
    private final ScreenChanges changes = new ScreenChanges(1);
    private long generation = 1;
    private String screenName = "signin";
    private String email = "";
    private String code = "";
    private boolean frozen;
    /** A secret that must never reach a client. */
    static final String SECRET = "s3cr3t-t0ken";
    final List<Integer> keys = new CopyOnWriteArrayList<>();
    final List<String> shellCalls = new CopyOnWriteArrayList<>();

    FakePhone(String udid) {
        this.udid = udid;
    }

    @Override
    public String udid() {
        return udid;
    }

    @Override
    public synchronized UiSnapshot screen() {
        Layout l = Layout.screen(1280, 800, PKG);
        if (screenName.equals("signin")) {
            l.title("Sign in")
                    .action("settings", "Settings", () -> show("provision"))
                    .text("org_name", "Contoso <Lab> & \"Friends\"")
                    .input("email", "Email", email, v -> { email = v; changed(); })
                    .button("next", "Next", () -> show("provision"))
                    .node(40, b -> UiNode.builder("android.widget.Button").packageName(PKG).resourceId(PKG + ":id/sso")
                            .text("Sign in with SSO").clickable(true).enabled(false).bounds(b).onClick(() -> show("provision")).build())
                    .node(40, b -> UiNode.builder("android.widget.Button").packageName(PKG).resourceId(PKG + ":id/help")
                            .text("Help").clickable(true).displayed(false).bounds(b).onClick(() -> show("provision")).build());
        } else {
            l.title("Provision phone")
                    .text("instructions", "Enter the verification code")
                    .input("code", "Verification code", code, v -> { code = v; changed(); })
                    .dialPad("key_", k -> { code += k; changed(); })
                    .button("done", "Done", () -> show("signin"));
        }
        return l.snapshot(generation);
    }

    synchronized void show(String name) {
        screenName = name;
        changed();
    }

    synchronized String screenName() {
        return screenName;
    }

    private synchronized void changed() {
        generation++;
        changes.publish(generation);
    }

    /** A frozen UI makes {@link #awaitUiResponsive} wait, as a hung UiAutomator2 server would. */
    synchronized void freeze(boolean frozen) {
        this.frozen = frozen;
        notifyAll();
    }

    @Override
    public synchronized boolean awaitUiResponsive(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (frozen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    @Override
    public String shell(String command, List<String> args) {
        shellCalls.add(command + " " + String.join(" ", args));
        if (command.equals("explode")) {
            throw new IllegalStateException("backend refused token=" + SECRET);
        }
        if (command.equals("getprop") && args.equals(List.of("ro.product.model"))) {
            return "CCX 600\n";
        }
        return "";
    }

    @Override
    public void pressKey(int androidKeycode) {
        keys.add(androidKeycode);
        if (androidKeycode == 4) {
            show("signin");
        }
    }

    @Override
    public Map<String, Object> deviceCapabilities() {
        return Map.of("platformVersion", "12", "deviceModel", "CCX 600", "deviceManufacturer", "Poly");
    }

    @Override
    public void awaitScreenChange(long generation, Duration timeout) throws InterruptedException {
        changes.awaitChange(generation, timeout);
    }
}
