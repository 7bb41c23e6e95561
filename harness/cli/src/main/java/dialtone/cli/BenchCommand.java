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

/** {@code dialtone bench sim}: what a virtual rack of N phones costs in one JVM. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {BenchCommand.Sim.class})
final class BenchCommand {

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
