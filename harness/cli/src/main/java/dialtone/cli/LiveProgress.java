package dialtone.cli;

import dialtone.suites.RackDeviceTest;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.testng.ITestListener;
import org.testng.ITestResult;

/**
 * A line per phone while a suite runs: device, current stage (the Allure step it is in) and time
 * since its test began. On a terminal the lines are redrawn in place every second; elsewhere (CI,
 * a pipe) a line is printed only when a phone's stage changes.
 */
final class LiveProgress implements ITestListener, AutoCloseable {
    enum Mode { LIVE, LINES, OFF;
        static Mode auto() { return System.console() != null && !"dumb".equals(System.getenv("TERM")) ? LIVE : LINES; }
    }

    private static final String UP_AND_CLEAR = "\033[%dF";
    private static final String CLEAR_LINE = "\033[2K";

    private record Line(String test, String stage, long startedNanos) {}

    private final PrintStream out;
    private final Mode mode;
    private final LongSupplier nanos;
    private final int width;
    private final Map<String, Line> lines = new LinkedHashMap<>();
    private final Map<Thread, String> deviceOfThread = new ConcurrentHashMap<>();
    private int drawn;
    private ScheduledExecutorService ticker;

    LiveProgress(PrintStream out, Mode mode, LongSupplier nanos, int width) {
        this.out = out;
        this.mode = mode;
        this.nanos = nanos;
        this.width = width;
    }

    static LiveProgress start(PrintStream out, Mode mode, List<String> devices) {
        int width = 120;
        try {
            width = Math.max(40, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "120")));
        } catch (NumberFormatException ignored) {
            // keep 120
        }
        LiveProgress p = new LiveProgress(out, mode, System::nanoTime, width);
        devices.forEach(p::addPhone);
        StageSteps.sendTo(p::stageOfCurrentThread);
        if (mode == Mode.LIVE) {
            p.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "dialtone-progress");
                t.setDaemon(true);
                return t;
            });
            p.redraw();
            p.ticker.scheduleAtFixedRate(p::redraw, 1, 1, TimeUnit.SECONDS);
        }
        return p;
    }

    synchronized void addPhone(String device) {
        lines.put(device, new Line("", "waiting", nanos.getAsLong()));
    }

    @Override
    public void onTestStart(ITestResult r) {
        deviceOfThread.put(Thread.currentThread(), device(r));
        started(device(r), r.getMethod().getMethodName());
    }

    @Override
    public void onTestSuccess(ITestResult r) { finished(r, "passed"); }

    @Override
    public void onTestFailure(ITestResult r) { finished(r, "failed: " + firstLine(r.getThrowable())); }

    @Override
    public void onTestSkipped(ITestResult r) {
        finished(r, (r.wasRetried() ? "retrying after: " : "skipped: ") + firstLine(r.getThrowable()));
    }

    private void finished(ITestResult r, String result) {
        deviceOfThread.remove(Thread.currentThread());
        ended(device(r), r.getMethod().getMethodName(), result);
    }

    /** An Allure step began: the stage of the phone whose test runs on this thread. */
    void stageOfCurrentThread(String stage) {
        String device = deviceOfThread.get(Thread.currentThread());
        if (device != null) stage(device, stage);
    }

    void started(String device, String test) {
        synchronized (this) {
            lines.put(device, new Line(test, "starting", nanos.getAsLong()));
        }
        changed(device);
    }

    void stage(String device, String stage) {
        synchronized (this) {
            Line l = lines.get(device);
            if (l != null && l.stage().equals(stage)) return;
            lines.put(device, new Line(l == null ? "" : l.test(), stage, l == null ? nanos.getAsLong() : l.startedNanos()));
        }
        changed(device);
    }

    void ended(String device, String test, String result) {
        synchronized (this) {
            Line l = lines.get(device);
            lines.put(device, new Line(test, result, l == null ? nanos.getAsLong() : l.startedNanos()));
        }
        changed(device);
    }

    private void changed(String device) {
        switch (mode) {
            case LIVE -> redraw();
            case LINES -> {
                String line;
                synchronized (this) {
                    line = render(device, lines.get(device));
                }
                out.println(line);
            }
            case OFF -> { }
        }
    }

    /** The current lines, one per phone, as printed. */
    synchronized List<String> lines() {
        List<String> out = new ArrayList<>();
        lines.forEach((device, line) -> out.add(render(device, line)));
        return out;
    }

    synchronized void redraw() {
        StringBuilder sb = new StringBuilder();
        if (drawn > 0) sb.append(String.format(Locale.ROOT, UP_AND_CLEAR, drawn));
        List<String> now = lines();
        for (String l : now) {
            sb.append(CLEAR_LINE).append(l).append('\n');
        }
        drawn = now.size();
        out.print(sb);
        out.flush();
    }

    private String render(String device, Line line) {
        int deviceWidth = lines.keySet().stream().mapToInt(String::length).max().orElse(device.length());
        double seconds = (nanos.getAsLong() - line.startedNanos()) / 1e9;
        String text = String.format(Locale.ROOT, "%-" + deviceWidth + "s  %6.1fs  %s%s", device, seconds,
                line.test().isEmpty() ? "" : line.test() + ": ", line.stage());
        return text.length() > width ? text.substring(0, width - 1) + "…" : text;
    }

    private static String device(ITestResult r) {
        return r.getInstance() instanceof RackDeviceTest t ? t.deviceId() : r.getMethod().getRealClass().getSimpleName();
    }

    private static String firstLine(Throwable t) {
        if (t == null) return "";
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @Override
    public void close() {
        StageSteps.sendTo(null);
        if (ticker != null) {
            ticker.shutdownNow();
            redraw();
        }
    }
}
