package dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The measuring pieces of {@code dialtone bench}: /proc, the ideal, the suite's window, samples, GC logs, the table. */
class BenchMeasuresTest {
    @TempDir
    Path dir;

    /** A real stat line with a command name holding spaces and a parenthesis; utime 1234, stime 566 ticks. */
    private static final String STAT = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 52 0 0 0 1234 566 0 0 20 0 57 0 3114467 3133440 382 "
            + "18446744073709551615 94405056966656 94405056986537 140725392074928 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0";
    private static final String STATUS = """
            Name:\tjava
            State:\tS (sleeping)
            VmPeak:\t 5000000 kB
            VmHWM:\t  309120 kB
            VmRSS:\t  204800 kB
            Threads:\t57
            """;

    @Test
    void procStatAndStatus() {
        ProcessStats s = ProcessStats.parse(STAT, STATUS);
        assertThat(s.cpuMillis()).as("(1234 + 566) ticks of 10 ms").isEqualTo(18_000);
        assertThat(s.peakRssKiB()).isEqualTo(309_120);
        assertThat(s.rssKiB()).isEqualTo(204_800);
        assertThat(s.threads()).isEqualTo(57);
        assertThatThrownBy(() -> ProcessStats.cpuMillis("4242 java S 1")).hasMessageContaining("no ')'");
        assertThatThrownBy(() -> ProcessStats.cpuMillis("4242 (java) S 1 2")).hasMessageContaining("expected 15 or more");
        assertThatThrownBy(() -> ProcessStats.statusKiB("Name:\tjava\n", "VmHWM")).hasMessageContaining("no 'VmHWM:' line");
    }

    @Test
    void thisProcessReadsFromProc() {
        Optional<ProcessStats> self = ProcessStats.of(ProcessHandle.current().pid());
        assertThat(self).hasValueSatisfying(s -> {
            assertThat(s.threads()).isPositive();
            assertThat(s.peakRssKiB()).isGreaterThanOrEqualTo(s.rssKiB()).isPositive();
        });
        assertThat(ProcessStats.of(Long.MAX_VALUE)).as("no such process").isEmpty();
    }

    @Test
    void idealIsTheBusiestPhonesDeviceTimeInTheRun() {
        Map<String, Long> before = Map.of("a", 30_000L, "b", 45_000L, "c", 0L);
        Map<String, Long> after = Map.of("a", 80_000L, "b", 100_000L, "c", 54_000L, "new", 10_000L);
        assertThat(SmokeBench.ideal(before, after)).as("c played 54 s, a 50 s, b 55 s, new 10 s").isEqualTo(Duration.ofSeconds(55));
        assertThat(SmokeBench.ideal(Map.of(), Map.of())).isZero();
    }

    @Test
    void deviceTimesFromTheControlApi() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(SmokeBench.deviceTimes(json.readTree("{\"devices\":[{\"id\":\"a\",\"deviceTimeMillis\":1500},{\"id\":\"b\",\"deviceTimeMillis\":0}]}")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("a", 1500L, "b", 0L));
        assertThatThrownBy(() -> SmokeBench.deviceTimes(json.readTree("{\"devices\":[{\"id\":\"a\"}]}"))).hasMessageContaining("deviceTimeMillis");
        assertThat(SmokeBench.controlUrl("Rack x\n  appium   http://127.0.0.1:1/\n  control  http://127.0.0.1:4321/sim/v1/devices  (faults: ...)\n"))
                .isEqualTo("http://127.0.0.1:4321");
        assertThatThrownBy(() -> SmokeBench.controlUrl("Rack x\n")).hasMessageContaining("no control API URL");
    }

    @Test
    void suiteWindowSpansTestsAndConfigurationMethods() throws Exception {
        Files.writeString(dir.resolve("1-result.json"), "{\"name\":\"t1\",\"start\":1000,\"stop\":5000}");
        Files.writeString(dir.resolve("2-result.json"), "{\"name\":\"t2\",\"start\":1500,\"stop\":7000}");
        Files.writeString(dir.resolve("3-container.json"), "{\"start\":1,\"stop\":99999,\"befores\":[{\"name\":\"lease\",\"start\":900,\"stop\":950}],"
                + "\"afters\":[{\"name\":\"release\",\"start\":7000,\"stop\":7100}]}");
        Files.writeString(dir.resolve("x-attachment.txt"), "ignored");
        assertThat(SmokeBench.suiteWindow(dir)).isEqualTo(new SmokeBench.Window(900, 7100));
        assertThat(SmokeBench.suiteWindow(dir).length()).isEqualTo(Duration.ofMillis(6200));

        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> SmokeBench.suiteWindow(empty)).hasMessageContaining("did the suite run?");
    }

    private static ProcessStats stats(long cpuMillis, long peakKiB, int threads) {
        return new ProcessStats(cpuMillis, peakKiB, peakKiB, threads);
    }

    @Test
    void samplesGiveCpuPeakThreadsAndRequestsOverTheWindow() {
        List<SmokeBench.Sample> samples = List.of(
                new SmokeBench.Sample(0, Optional.of(stats(1000, 100, 20)), Optional.of(stats(5000, 400, 100)), 0),
                new SmokeBench.Sample(1000, Optional.of(stats(2000, 150, 30)), Optional.of(stats(6000, 400, 100)), 10),
                new SmokeBench.Sample(2000, Optional.of(stats(3500, 200, 90)), Optional.of(stats(8000, 500, 100)), 50),
                new SmokeBench.Sample(3000, Optional.of(stats(4000, 250, 40)), Optional.of(stats(9000, 500, 100)), 90),
                new SmokeBench.Sample(4000, Optional.empty(), Optional.of(stats(9100, 500, 100)), -1)); // harness gone, backend not answering
        SmokeBench.Window w = new SmokeBench.Window(1000, 2500);
        assertThat(SmokeBench.cpuSeconds(samples, w, SmokeBench.Sample::harness)).as("4000 at or after the end − 2000 at the start").isEqualTo(2.0);
        assertThat(SmokeBench.cpuSeconds(samples, w, SmokeBench.Sample::sim)).isEqualTo(3.0);
        assertThat(SmokeBench.at(samples, w.stop(), SmokeBench.Sample::harness)).map(ProcessStats::peakRssKiB).hasValue(200L);
        assertThat(SmokeBench.at(samples, 10_000, SmokeBench.Sample::harness)).as("the last sample that has it")
                .map(ProcessStats::peakRssKiB).hasValue(250L);
        assertThat(SmokeBench.maxThreads(samples, w, SmokeBench.Sample::harness)).isEqualTo(90);
        assertThat(SmokeBench.requestsPerSecond(samples, w)).as("(90 − 10) requests over 2 s").isEqualTo(40.0);
        assertThat(SmokeBench.cpuSeconds(List.of(), w, SmokeBench.Sample::harness)).isZero();
    }

    @Test
    void peakHeapAfterGcWithinTheWindow() {
        List<String> log = List.of(
                "[2026-11-27T11:50:00.000+0000] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 25M->900M(1024M) 3.456ms", // before the window
                "[2026-11-27T11:50:01.000+0000] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 120M->30M(256M) 3.456ms",
                "[2026-11-27T11:50:02.000+0000] Using G1",
                "[2026-11-27T11:50:03.000+0000] GC(2) Pause Remark 60M->45M(256M) 1.2ms",
                "[2026-11-27T11:50:04.000+0000] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 51200K->40960K(262144K) 3.456ms",
                "[2026-11-27T11:51:00.000+0000] GC(4) Pause Full (System.gc()) 2G->1G(2G) 100ms"); // after it
        long start = java.time.Instant.parse("2026-11-27T11:50:00.500Z").toEpochMilli();
        long stop = java.time.Instant.parse("2026-11-27T11:50:30Z").toEpochMilli();
        assertThat(SmokeBench.peakHeapAfterGcKiB(log, new SmokeBench.Window(start, stop))).isEqualTo(45L * 1024);
        assertThat(SmokeBench.peakHeapAfterGcKiB(log, new SmokeBench.Window(0, 1))).as("no GC in the window").isNull();
    }

    @Test
    void tableWithPerPhoneMemoryOverTheSmallestRack() {
        BenchTable.Row small = new BenchTable.Row(3, Duration.ofSeconds(56), Duration.ofMillis(64_400), 11.8, 13.0, 289 * 1024, 36L * 1024, 50,
                381 * 1024, 74L * 1024, 2.04, "3/3 passed");
        BenchTable.Row big = new BenchTable.Row(103, Duration.ofSeconds(60), Duration.ofSeconds(66), 40.0, 30.0, 489 * 1024, null, 400,
                900 * 1024, 200L * 1024, 80.0, "103/103 passed");
        String md = BenchTable.markdown(List.of(small, big));
        assertThat(md.lines().toList()).hasSize(4);
        assertThat(md).startsWith(BenchTable.HEADER + "\n|---:|");
        assertThat(md).contains("| 3 | 56.0 s | 64.4 s | 1.15 | 11.8 s | 13.0 s | 289 MiB | — | 36 MiB | 50 | 381 MiB | 74 MiB | 2.0 | 3/3 passed |");
        assertThat(md).as("(489 − 289) MiB over 100 more phones; no GC: a dash")
                .contains("| 103 | 60.0 s | 66.0 s | 1.10 | 40.0 s | 30.0 s | 489 MiB | 2.00 MiB | — | 400 |");
        assertThat(new BenchTable.Row(1, Duration.ZERO, Duration.ofSeconds(1), 0, 0, 0, null, 0, 0, null, 0, "").ratio()).isNaN();
    }
}
