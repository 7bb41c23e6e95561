package dialtone.cli;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The table {@code dialtone bench} prints and writes: one row per rack size. Memory per phone is
 * what each phone adds over the smallest rack measured: (peak RSS − the first row's) / (phones − the
 * first row's), so the JVM's own fixed cost does not count.
 */
final class BenchTable {
    /** One rack size's numbers; a heap is null when no GC ran in the suite's window. */
    record Row(int phones, Duration ideal, Duration wall, double harnessCpuSeconds, double simCpuSeconds, long harnessPeakRssKiB,
               Long harnessHeapKiB, int harnessThreads, long simPeakRssKiB, Long simHeapKiB, double requestsPerSecond, String outcome) {
        double ratio() {
            return ideal.isZero() ? Double.NaN : (double) wall.toMillis() / ideal.toMillis();
        }
    }

    static final String HEADER = "| phones | ideal | wall | wall/ideal | harness CPU | sim CPU | harness peak RSS | harness RSS/phone"
            + " | harness heap after GC | harness threads | sim peak RSS | sim heap after GC | backend requests/s | smoke |";

    private BenchTable() {}

    static String markdown(List<Row> rows) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        Row first = rows.isEmpty() ? null : rows.get(0);
        for (Row r : rows) {
            out.append("| ").append(r.phones())
                    .append(" | ").append(seconds(r.ideal()))
                    .append(" | ").append(seconds(r.wall()))
                    .append(" | ").append(Double.isNaN(r.ratio()) ? "—" : String.format(Locale.ROOT, "%.2f", r.ratio()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f s", r.harnessCpuSeconds()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f s", r.simCpuSeconds()))
                    .append(" | ").append(mib(r.harnessPeakRssKiB()))
                    .append(" | ").append(perPhone(first, r))
                    .append(" | ").append(r.harnessHeapKiB() == null ? "—" : mib(r.harnessHeapKiB()))
                    .append(" | ").append(r.harnessThreads())
                    .append(" | ").append(mib(r.simPeakRssKiB()))
                    .append(" | ").append(r.simHeapKiB() == null ? "—" : mib(r.simHeapKiB()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f", r.requestsPerSecond()))
                    .append(" | ").append(r.outcome()).append(" |\n");
        }
        return out.toString();
    }

    /** What one phone adds to the harness's peak RSS over the first (smallest) row; "—" for the first row. */
    static String perPhone(Row first, Row r) {
        if (first == null || r == first || r.phones() <= first.phones()) return "—";
        double kib = (double) (r.harnessPeakRssKiB() - first.harnessPeakRssKiB()) / (r.phones() - first.phones());
        return String.format(Locale.ROOT, "%.2f MiB", kib / 1024);
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    static String mib(long kib) {
        return (kib + 512) / 1024 + " MiB";
    }
}
