package dialtone.cli;

import dialtone.backend.BackendServer;
import dialtone.core.phone.Adb;
import dialtone.model.rack.Rack;
import dialtone.model.rack.Racks;
import dialtone.model.rack.TimeScale;
import dialtone.simulator.phone.VirtualPhone;
import dialtone.simulator.rack.RackGenerator;
import dialtone.simulator.rack.VirtualRack;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dialtone bench}: the smoke suite on generated virtual racks of 3 to 500 phones, simulator and
 * harness in separate JVMs, wall time against the ideal (docs/benchmarks.md); {@code dialtone bench sim}:
 * what a virtual rack of N phones costs in one JVM.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run the smoke suite on generated virtual racks of each size (the simulator with the embedded backend in one child JVM,"
                + " the harness in another) and print wall time against the ideal (the busiest phone's device time), CPU, peak memory"
                + " and backend requests/s (docs/benchmarks.md). `bench sim`: a virtual rack's own cost.",
        subcommands = {BenchCommand.Sim.class})
final class BenchCommand implements Callable<Integer> {
    /**
     * The bench's time scale: device time must dominate (at 0.05 a smoke phone plays ~5 s, less than
     * the harness's fixed costs), and all five sizes must fit in about 20-30 minutes.
     */
    static final double DEFAULT_TIME_SCALE = 1.0;

    @Option(names = "--phones", paramLabel = "N,N,...", split = ",", defaultValue = "3,30,100,300,500",
            description = "rack sizes, in order (default: ${DEFAULT-VALUE})")
    List<Integer> sizes;

    @Option(names = "--time-scale", paramLabel = "X", defaultValue = "" + DEFAULT_TIME_SCALE,
            description = "the phones' speed for every size (default: ${DEFAULT-VALUE})")
    double timeScale;

    @Option(names = "--adb-base-port", paramLabel = "PORT", defaultValue = "20000",
            description = "adb port of the first phone; phone i listens on PORT+i (default: ${DEFAULT-VALUE}, clear of racks/virtual*.yaml)")
    int adbBasePort;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the table as markdown, with the date, load average and settings")
    Path out;

    @Option(names = "--work", paramLabel = "DIR", description = "where each size's rack, logs and reports go (default: the state directory's bench/)")
    Path work;

    @Option(names = "--harness-jvm", paramLabel = "OPTION", description = "an extra option of the harness's JVM (repeatable), e.g. -XX:StartFlightRecording=filename=h.jfr")
    List<String> harnessJvm = new ArrayList<>();

    @Option(names = "--sim-jvm", paramLabel = "OPTION", description = "an extra option of the simulator's JVM (repeatable)")
    List<String> simJvm = new ArrayList<>();

    @Option(names = "--budget", paramLabel = "DURATION", defaultValue = "20m", description = "longest a size's smoke run may take (default: ${DEFAULT-VALUE})")
    String budget;

    @Override
    public Integer call() throws Exception {
        Workspace ws = Workspace.current();
        for (int n : sizes) {
            if (n < 1) throw new IllegalArgumentException("--phones: every size must be 1 or more, got " + n);
        }
        new TimeScale(timeScale); // refuses a bad scale before anything starts
        Duration perSize = RunIds.duration("--budget", budget);
        Path workDir = work == null ? ws.stateDir().resolve("bench") : ws.resolve(work);
        String load = loadAverage();
        String started = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).withNano(0).toString();
        System.out.printf("Bench %s: time scale %s, sizes %s, %d cores, load average at start %s%n", started, timeScale, sizes,
                Runtime.getRuntime().availableProcessors(), load);
        List<BenchTable.Row> rows = new ArrayList<>();
        int failed = 0;
        for (int n : sizes) {
            OpenFiles.warnIfTooFewFor(n, System.err);
            BenchTable.Row row;
            try {
                row = SmokeBench.run(new SmokeBench.Options(ws.home(), ws.defaultRack(), n, adbBasePort, timeScale,
                        workDir.resolve("phones-" + n), perSize, simJvm, harnessJvm), System.out);
            } catch (Exception e) { // the other sizes still tell something
                System.err.println("  " + n + " phones: not measured: " + e.getMessage() + " (logs in " + workDir.resolve("phones-" + n) + ")");
                failed++;
                continue;
            }
            if (!row.outcome().equals(n + "/" + n + " passed")) failed++;
            rows.add(row);
            System.out.print(BenchTable.markdown(List.of(row)).lines().skip(2).findFirst().orElse("") + "\n");
        }
        String table = BenchTable.markdown(rows);
        System.out.print(table);
        if (out != null) {
            Path file = ws.resolve(out);
            if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, "Measured " + started + " on " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                    + System.getProperty("java.version") + ", load average at start " + load + "; time scale " + timeScale
                    + "; simulator JVM " + jvm(SmokeBench.SIM_JVM, simJvm) + ", harness JVM " + jvm(SmokeBench.HARNESS_JVM, harnessJvm) + ".\n\n" + table);
            System.out.println("Table written to " + file);
        }
        return failed == 0 ? 0 : 1;
    }

    private static String jvm(List<String> base, List<String> extra) {
        List<String> all = new ArrayList<>(base);
        all.addAll(extra);
        return String.join(" ", all);
    }

    /** The 1, 5 and 15 minute load averages of {@code /proc/loadavg}: the machine may be shared. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Command(name = "sim", mixinStandardHelpOptions = true,
            description = "Start the embedded backend and a generated virtual rack of N phones in this JVM, wait until every phone "
                    + "has booted and answers ADB, then print heap after GC, RSS, threads, open files and boot-to-ready time.")
    static final class Sim implements Callable<Integer> {
        @Option(names = "--phones", paramLabel = "N", required = true, description = "phones (0 = backend and servers only)")
        int phones;

        @Option(names = "--adb-base-port", paramLabel = "PORT", defaultValue = "17000", description = "adb port of the first phone (default: ${DEFAULT-VALUE})")
        int adbBasePort;

        @Option(names = "--time-scale", paramLabel = "X", defaultValue = "0.05", description = "phones' speed (default: ${DEFAULT-VALUE})")
        double timeScale;

        @Option(names = "--settle", paramLabel = "SECONDS", defaultValue = "10",
                description = "seconds to let heartbeats and long-polls run before measuring (default: ${DEFAULT-VALUE})")
        int settleSeconds;

        @Override
        public Integer call() throws Exception {
            Workspace ws = Workspace.current();
            Rack template = Racks.load(ws.defaultRack());
            Rack rack = phones == 0
                    ? new Rack(template.source(), "virtual-0", template.backend(), template.appium(), List.of(), template.accounts())
                    : RackGenerator.rack(template, phones, "127.0.0.1", adbBasePort);
            OpenFiles.warnIfTooFewFor(phones, System.err);
            Map<String, String> passwords = new LinkedHashMap<>();
            rack.accounts().forEach(a -> passwords.put(a.upn(), LabLauncher.randomSecret()));

            long start = System.nanoTime();
            try (BackendServer backend = BackendServer.start(LabLauncher.embeddedBackend(rack, LabLauncher.randomSecret(), LabLauncher.randomSecret(), passwords));
                 VirtualRack virtual = VirtualRack.start(rack, backend.url(), new TimeScale(timeScale))) {
                Awaitility.await("every phone to boot").atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100)).until(virtual::booted);
                long booted = System.nanoTime();
                answerAdb(virtual.phones());
                long ready = System.nanoTime();
                Thread.sleep(Duration.ofSeconds(settleSeconds).toMillis()); // a measurement window, not a wait for state
                System.gc();
                System.gc();
                long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                System.out.printf("phones=%d  boot=%.1f s  ready(all answer ADB)=%.1f s  heapAfterGc=%d MiB  rss=%s MiB  threads=%d  openFiles=%s%n",
                        phones, (booted - start) / 1e9, (ready - start) / 1e9, heap >> 20, rssMiB(), Thread.activeCount(), openFiles());
                System.out.println("threads by name: " + threadsByName());
            }
            return 0;
        }

        /** Every phone answers {@code echo} over ADB (with the harness's key), eight at a time. */
        private static void answerAdb(List<VirtualPhone> phones) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> checks = new ArrayList<>();
                for (VirtualPhone p : phones) {
                    checks.add(pool.submit(() -> {
                        try (Adb adb = new Adb(p.adbAddress())) {
                            if (!adb.shell("echo ok").strip().equals("ok")) throw new IllegalStateException(p.id() + " answered oddly");
                        }
                        return null;
                    }));
                }
                for (Future<?> f : checks) f.get();
            } finally {
                pool.shutdownNow();
            }
        }

        /** Thread counts by name with numbers and ports blanked, largest first: what a phone costs in threads. */
        private static String threadsByName() {
            Map<String, Long> counts = new java.util.TreeMap<>();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                counts.merge(t.getName().replaceAll("\\d+", "N").replaceAll("phone-[^ ]*-commands", "phone-ID-commands"), 1L, Long::sum);
            }
            return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
        }

        private static String rssMiB() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.toString(Long.parseLong(line.replaceAll("\\D", "")) >> 10);
            }
            return "?";
        }

        private static String openFiles() {
            try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
                return Long.toString(fds.count());
            } catch (IOException e) {
                return "?";
            }
        }
    }
}
