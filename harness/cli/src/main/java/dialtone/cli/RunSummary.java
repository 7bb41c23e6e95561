package dialtone.cli;

import dialtone.suites.RackDeviceTest;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.testng.ITestListener;
import org.testng.ITestResult;

/** Collects each test's outcome by device, for the summary printed at the end of a run. */
final class RunSummary implements ITestListener {
    record Outcome(String device, String profile, String firmware, String test, String status, long millis, String reason) {}

    private final List<Outcome> outcomes = new ArrayList<>();

    @Override
    public void onTestSuccess(ITestResult r) { add(r, "PASSED"); }

    @Override
    public void onTestFailure(ITestResult r) { add(r, "FAILED"); }

    @Override
    public void onTestSkipped(ITestResult r) { add(r, "SKIPPED"); }

    @Override
    public void onTestFailedWithTimeout(ITestResult r) { add(r, "FAILED"); }

    private synchronized void add(ITestResult r, String status) {
        String device = "-", profile = "-", firmware = "-";
        if (r.getInstance() instanceof RackDeviceTest t) {
            device = t.deviceId();
            profile = t.profileId();
            firmware = t.reportedFirmware();
        }
        Throwable t = r.getThrowable();
        String reason = t == null ? "" : firstLine(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
        outcomes.add(new Outcome(device, profile, firmware, r.getMethod().getMethodName(), status, r.getEndMillis() - r.getStartMillis(), reason));
    }

    synchronized List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    synchronized boolean allPassed() {
        return !outcomes.isEmpty() && outcomes.stream().allMatch(o -> o.status().equals("PASSED"));
    }

    synchronized void print(PrintStream out) {
        out.println();
        out.printf("%-12s %-14s %-12s %-8s %8s  %s%n", "DEVICE", "PROFILE", "FIRMWARE", "RESULT", "TIME", "TEST");
        outcomes.stream().sorted(Comparator.comparing(Outcome::device).thenComparing(Outcome::test)).forEach(o -> {
            out.printf("%-12s %-14s %-12s %-8s %7.1fs  %s%n", o.device(), o.profile(), o.firmware(), o.status(), o.millis() / 1000.0, o.test());
            if (!o.reason().isEmpty()) {
                out.println("             └ " + o.reason());
            }
        });
        long passed = outcomes.stream().filter(o -> o.status().equals("PASSED")).count();
        out.printf("%d passed, %d failed, %d skipped%n", passed,
                outcomes.stream().filter(o -> o.status().equals("FAILED")).count(),
                outcomes.stream().filter(o -> o.status().equals("SKIPPED")).count());
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
