package dialtone.cli;

import dialtone.core.failure.Classification;
import dialtone.core.failure.FailureCategory;
import dialtone.core.failure.FailureClassifier;
import dialtone.suites.RackDeviceTest;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.testng.ITestListener;
import org.testng.ITestResult;

/**
 * Each test's outcome by device, classified by the failure taxonomy: the closing table of a run,
 * the models and firmware it saw, and the run's exit code.
 */
final class RunSummary implements ITestListener {
    /**
     * One test on one phone. {@code category} is empty when it passed; {@code attempts} counts an
     * infrastructure retry; {@code skipped}: the test did not run (not applicable, or its phone unavailable).
     */
    record Outcome(String device, String model, String firmware, String test, Optional<FailureCategory> category,
                   int attempts, long millis, String reason, boolean skipped) {
        Outcome(String device, String model, String firmware, String test, Optional<FailureCategory> category,
                int attempts, long millis, String reason) {
            this(device, model, firmware, test, category, attempts, millis, reason,
                    category.equals(Optional.of(FailureCategory.NOT_APPLICABLE)));
        }

        boolean passed() { return category.isEmpty(); }

        /** Skipped because the lab could not give it a phone: counted as skipped, filed under infrastructure. */
        boolean infrastructureSkipped() { return skipped && category.equals(Optional.of(FailureCategory.INFRASTRUCTURE)); }

        String result() {
            String r = category.map(c -> switch (c) {
                case PRODUCT_DEFECT -> "PRODUCT DEFECT";
                case INFRASTRUCTURE -> "INFRASTRUCTURE";
                case ENVIRONMENT -> "ENVIRONMENT";
                case TEST_DEFECT -> "TEST DEFECT";
                case NOT_APPLICABLE -> "not applicable";
            }).orElse("passed");
            if (infrastructureSkipped()) r = "SKIPPED (infrastructure)";
            return attempts > 1 ? r + " (retried)" : r;
        }
    }

    private final List<Outcome> outcomes = new ArrayList<>();
    /** Attempts that TestNG retried, by test instance and method, until the final attempt is recorded. */
    private final Map<Object, Map<String, Integer>> retried = new IdentityHashMap<>();

    @Override
    public void onTestSuccess(ITestResult r) { add(r); }

    @Override
    public void onTestFailure(ITestResult r) { add(r); }

    @Override
    public void onTestSkipped(ITestResult r) {
        if (r.wasRetried()) {
            synchronized (this) {
                retried.computeIfAbsent(r.getInstance(), k -> new LinkedHashMap<>()).merge(r.getMethod().getMethodName(), 1, Integer::sum);
            }
        } else {
            add(r);
        }
    }

    @Override
    public void onTestFailedWithTimeout(ITestResult r) { add(r); }

    private synchronized void add(ITestResult r) {
        String device = "-", model = "-", firmware = "-", moved = "";
        if (r.getInstance() instanceof RackDeviceTest t) {
            device = t.deviceId();
            model = t.modelName();
            firmware = t.reportedFirmware();
            if (t.assignment().moved()) moved = t.assignment().reason();
        }
        Optional<FailureCategory> category = Optional.empty();
        String reason = "";
        if (r.getStatus() != ITestResult.SUCCESS) {
            Classification c = r.getThrowable() == null && r.getStatus() == ITestResult.SKIP
                    ? new Classification(FailureCategory.TEST_DEFECT, "skipped: a configuration method or a dependency failed")
                    : FailureClassifier.classify(r.getThrowable());
            category = Optional.of(c.category());
            reason = c.reason();
        }
        int attempts = 1 + retried.getOrDefault(r.getInstance(), Map.of()).getOrDefault(r.getMethod().getMethodName(), 0);
        if (!moved.isEmpty()) {
            reason = reason.isEmpty() ? moved : reason + " (" + moved + ")";
        }
        boolean skipped = r.getStatus() == ITestResult.SKIP && r.getThrowable() instanceof org.testng.SkipException;
        outcomes.add(new Outcome(device, model, firmware, r.getMethod().getMethodName(), category, attempts,
                r.getEndMillis() - r.getStartMillis(), reason, skipped));
    }

    synchronized List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    synchronized int exitCode() {
        return exitCode(outcomes);
    }

    /**
     * 0 every test passed (or did not apply); 1 a product defect, whatever else failed; 3 a test
     * defect (Dialtone's own bug or data) or no test ran at all; 2 only infrastructure or
     * environment failures: the lab, not the product.
     */
    static int exitCode(Collection<Outcome> outcomes) {
        if (outcomes.isEmpty() || outcomes.stream().allMatch(o -> o.category().equals(Optional.of(FailureCategory.NOT_APPLICABLE)))) {
            return outcomes.isEmpty() ? Main.HARNESS_ERROR : Main.ALL_PASSED;
        }
        Map<FailureCategory, Long> counts = count(outcomes);
        if (counts.containsKey(FailureCategory.PRODUCT_DEFECT)) return Main.PRODUCT_DEFECTS;
        if (counts.containsKey(FailureCategory.TEST_DEFECT)) return Main.HARNESS_ERROR;
        if (counts.containsKey(FailureCategory.INFRASTRUCTURE) || counts.containsKey(FailureCategory.ENVIRONMENT)) return Main.LAB_PROBLEMS;
        return Main.ALL_PASSED;
    }

    private static Map<FailureCategory, Long> count(Collection<Outcome> outcomes) {
        Map<FailureCategory, Long> counts = new EnumMap<>(FailureCategory.class);
        outcomes.forEach(o -> o.category().ifPresent(c -> counts.merge(c, 1L, Long::sum)));
        return counts;
    }

    /**
     * Per device: {test attempts, attempts failed for the lab} of this run, for the phone's flake
     * rate. A test that did not run (not applicable, phone unavailable) is no attempt.
     */
    synchronized Map<String, int[]> tallies() {
        return tallies(outcomes);
    }

    static Map<String, int[]> tallies(Collection<Outcome> outcomes) {
        Map<String, int[]> out = new java.util.TreeMap<>();
        for (Outcome o : outcomes) {
            if (o.device().equals("-") || o.skipped()) continue;
            boolean lastFailedForLab = o.category().equals(Optional.of(FailureCategory.INFRASTRUCTURE));
            int[] t = out.computeIfAbsent(o.device(), d -> new int[2]);
            t[0] += o.attempts();
            t[1] += (o.attempts() - 1) + (lastFailedForLab ? 1 : 0);
        }
        return out;
    }

    /** Model → firmware versions the phones reported, for the report's environment. */
    synchronized Map<String, String> firmwareByModel() {
        Map<String, java.util.SortedSet<String>> seen = new java.util.TreeMap<>();
        for (Outcome o : outcomes) {
            if (!o.model().equals("-") && !o.firmware().equals("-")) {
                seen.computeIfAbsent(o.model(), k -> new java.util.TreeSet<>()).add(o.firmware());
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        seen.forEach((model, versions) -> out.put(model, String.join(", ", versions)));
        return out;
    }

    synchronized void print(PrintStream out) {
        out.println();
        out.print(table(outcomes));
        out.println(totals(outcomes));
    }

    /** Device × test × result × duration, columns aligned, each failure's reason under its row. */
    static String table(Collection<Outcome> outcomes) {
        List<Outcome> rows = outcomes.stream().sorted(Comparator.comparing(Outcome::device).thenComparing(Outcome::test)).toList();
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"DEVICE", "MODEL", "FIRMWARE", "TEST", "RESULT", "TIME"});
        for (Outcome o : rows) {
            cells.add(new String[] {o.device(), o.model(), o.firmware(), o.test(), o.result(),
                    String.format(Locale.ROOT, "%.1fs", o.millis() / 1000.0)});
        }
        int[] width = new int[6];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) width[i] = Math.max(width[i], row[i].length());
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < cells.size(); r++) {
            String[] row = cells.get(r);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean right = i == row.length - 1;
                String cell = right ? " ".repeat(width[i] - row[i].length()) + row[i] : row[i] + " ".repeat(width[i] - row[i].length());
                line.append(i == 0 ? "" : "  ").append(cell);
            }
            sb.append(line.toString().stripTrailing()).append('\n');
            if (r > 0 && !rows.get(r - 1).reason().isEmpty()) {
                sb.append("  └ ").append(rows.get(r - 1).reason()).append('\n');
            }
        }
        return sb.toString();
    }

    /** "3 passed, 1 failed, 1 skipped (Infrastructure: 1; Not applicable on model: 1)". */
    static String totals(Collection<Outcome> outcomes) {
        Map<FailureCategory, Long> counts = count(outcomes);
        long passed = outcomes.stream().filter(Outcome::passed).count();
        long skipped = outcomes.stream().filter(o -> !o.passed() && o.skipped()).count();
        long failed = outcomes.size() - passed - skipped;
        List<String> parts = new ArrayList<>();
        counts.forEach((c, n) -> parts.add(c.title() + ": " + n));
        return passed + " passed, " + failed + " failed, " + skipped + " skipped" + (parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")");
    }
}
