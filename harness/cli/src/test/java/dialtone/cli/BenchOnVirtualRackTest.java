package dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dialtone bench} for real on a small rack: the simulator and the harness in their own JVMs,
 * the smoke suite passing on every phone, and every column measured. Never asserts a time. Three
 * JVMs and the report take ~55 s on the shared 2-core box, over the 30 s a test may add to
 * {@code ./mvnw verify}, so it runs only when asked:
 * {@code ./mvnw -o -pl harness/cli -am test -Dtest=BenchOnVirtualRackTest -Dsurefire.failIfNoSpecifiedTests=false -Ddialtone.bench.test=true}.
 */
@EnabledIfSystemProperty(named = "dialtone.bench.test", matches = "true")
class BenchOnVirtualRackTest {
    @TempDir
    Path dir;

    @Test
    void benchesTheSmokeSuiteOnThreePhones() throws Exception {
        Path table = dir.resolve("bench.md");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Cli.run(out, "bench", "--phones", "3", "--time-scale", "0.02", "--adb-base-port", Integer.toString(freePorts(3)),
                "--work", dir.resolve("work").toString(), "--out", table.toString(), "--budget", "3m");
        assertThat(exit).as(out.toString()).isZero();

        String md = Files.readString(table);
        assertThat(md).contains("time scale 0.02", "load average at start", BenchTable.HEADER);
        String row = md.lines().filter(l -> l.startsWith("| 3 |")).findFirst().orElseThrow();
        List<String> cells = Arrays.stream(row.split("\\|")).map(String::strip).skip(1).toList();
        assertThat(cells.get(13)).isEqualTo("3/3 passed");
        // the ideal: at 0.02 every phone boots after its factory reset (60-90 s real, so at least 1.2 s) and provisions
        assertThat(seconds(cells.get(1))).isGreaterThanOrEqualTo(1.2 + 0.12);
        assertThat(seconds(cells.get(2))).as("wall").isPositive();
        assertThat(seconds(cells.get(4))).as("harness CPU").isPositive();
        assertThat(seconds(cells.get(5))).as("sim CPU").isPositive();
        assertThat(cells.get(6)).as("harness peak RSS").matches("[1-9]\\d* MiB");
        assertThat(Integer.parseInt(cells.get(9))).as("harness threads").isGreaterThan(3);
        assertThat(cells.get(10)).as("sim peak RSS").matches("[1-9]\\d* MiB");
        assertThat(Double.parseDouble(cells.get(12))).as("backend requests/s").isPositive();
        assertThat(dir.resolve("work/phones-3/sim.log")).content().contains("served rack in");
    }

    private static double seconds(String cell) {
        assertThat(cell).endsWith(" s");
        return Double.parseDouble(cell.substring(0, cell.length() - 2));
    }

    /** The first of {@code n} consecutive loopback ports free right now. */
    private static int freePorts(int n) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(30_000, 60_000);
            if (allFree(base, n)) return base;
        }
        throw new IllegalStateException("no " + n + " consecutive free ports found");
    }

    private static boolean allFree(int base, int n) {
        for (int p = base; p < base + n; p++) {
            try (ServerSocket s = new ServerSocket(p)) {
                s.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
