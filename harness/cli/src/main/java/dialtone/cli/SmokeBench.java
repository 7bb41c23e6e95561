package dialtone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dialtone.model.rack.Rack;
import dialtone.model.rack.Racks;
import dialtone.simulator.rack.RackGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * One size of {@code dialtone bench}: a generated virtual rack of N phones served by {@code dialtone sim}
 * in one child JVM (simulator + embedded backend), the smoke suite run by {@code dialtone run} in
 * another, both sampled from {@code /proc} every {@link #SAMPLE_EVERY}; the numbers are taken over the
 * suite's window (first test or configuration start to last end in allure-results).
 */
final class SmokeBench {
    static final Duration SAMPLE_EVERY = Duration.ofMillis(250);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CONTROL_URL = Pattern.compile("(?m)^\\s*control\\s+(http://\\S+)/sim/v1/devices");
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) passed, (\\d+) failed, (\\d+) skipped");
    /** A line of {@code -Xlog:gc:file=...:utctime}: "[2026-11-27T11:50:01.123+0000] GC(3) Pause Young ... 25M->5M(256M) 3.456ms". */
    private static final Pattern GC_LINE = Pattern.compile("^\\[(\\S+)\\] GC\\(\\d+\\) .*?(\\d+)([KMG])->(\\d+)([KMG])\\(\\d+[KMG]\\)");
    private static final DateTimeFormatter GC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    /** Heap and options of the two child JVMs (explicit, so results do not depend on the machine's default of 1/4 of RAM). */
    static final List<String> SIM_JVM = List.of("-Xms256m", "-Xmx2g");
    static final List<String> HARNESS_JVM = List.of("-Xms128m", "-Xmx512m");

    record Options(Path home, Path templateRack, int phones, int adbBasePort, double timeScale, Path dir, Duration budget,
                   List<String> extraSimJvm, List<String> extraHarnessJvm) {}

    /** {@code [at, stats of harness, stats of sim, backend requests so far]}, at is epoch millis. */
    record Sample(long at, Optional<ProcessStats> harness, Optional<ProcessStats> sim, long requests) {}

    /** When the suite ran: from the first test or configuration method's start to the last one's stop. */
    record Window(long start, long stop) {
        Duration length() {
            return Duration.ofMillis(stop - start);
        }
    }

    private SmokeBench() {}

    static BenchTable.Row run(Options o, PrintStream out) throws Exception {
        Files.createDirectories(o.dir());
        Path rackFile = RackGenerator.write(o.templateRack(), Racks.load(o.templateRack()), o.phones(), "127.0.0.1", o.adbBasePort(), o.dir().resolve("rack.yaml"));
        Path served = o.dir().resolve("served.yaml");
        Files.deleteIfExists(served);
        Path simLog = o.dir().resolve("sim.log");
        Path simGc = o.dir().resolve("sim-gc.log");
        Process sim = java(o.home(), concat(SIM_JVM, o.extraSimJvm()), simGc, simLog, "sim", "--rack", rackFile.toString(), "--time-scale", Double.toString(o.timeScale()),
                "--serve-rack", served.toString());
        try {
            Awaitility.await("the sim to serve " + o.phones() + " phones (log: " + simLog + ")").atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofMillis(200)).until(() -> {
                        if (!sim.isAlive()) throw new IllegalStateException("the sim exited (" + sim.exitValue() + "); see " + simLog);
                        return Files.exists(served);
                    });
            String controlUrl = controlUrl(Files.readString(simLog));
            Rack servedRack = Racks.load(served);
            URI requestsUri = URI.create(servedRack.backend().url().orElseThrow() + "/test/v1/requests");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            Map<String, Long> before = deviceTimes(http, controlUrl);

            Path reports = o.dir().resolve("reports");
            Path harnessLog = o.dir().resolve("harness.log");
            Path harnessGc = o.dir().resolve("harness-gc.log");
            out.printf("  %d phones: sim pid %d ready; running the smoke suite...%n", o.phones(), sim.pid());
            Process harness = java(o.home(), concat(HARNESS_JVM, o.extraHarnessJvm()), harnessGc, harnessLog, "run", "smoke", "--rack", served.toString(),
                    "--reports", reports.toString(), "--progress", "off");
            List<Sample> samples = new ArrayList<>();
            try {
                long next = System.currentTimeMillis();
                while (harness.isAlive()) {
                    samples.add(new Sample(System.currentTimeMillis(), ProcessStats.of(harness.pid()), ProcessStats.of(sim.pid()), requests(http, requestsUri)));
                    next += SAMPLE_EVERY.toMillis();
                    if (System.currentTimeMillis() - samples.get(0).at() > o.budget().toMillis()) {
                        throw new IllegalStateException("the smoke run took longer than " + o.budget() + "; see " + harnessLog);
                    }
                    harness.waitFor(Math.max(1, next - System.currentTimeMillis()), TimeUnit.MILLISECONDS); // the sampling period, or its exit
                }
            } finally {
                if (harness.isAlive()) harness.destroyForcibly();
            }
            samples.add(new Sample(System.currentTimeMillis(), Optional.empty(), ProcessStats.of(sim.pid()), requests(http, requestsUri)));
            Map<String, Long> after = deviceTimes(http, controlUrl);
            String log = Files.readString(harnessLog);
            Matcher summary = SUMMARY.matcher(log);
            String outcome = summary.find() ? summary.group(1) + "/" + o.phones() + " passed" : "no summary (exit " + harness.exitValue() + ")";
            Window window = suiteWindow(reports.resolve("allure-results"));
            return new BenchTable.Row(o.phones(), ideal(before, after), window.length(),
                    cpuSeconds(samples, window, Sample::harness), cpuSeconds(samples, window, Sample::sim),
                    at(samples, window.stop(), Sample::harness).map(ProcessStats::peakRssKiB).orElse(0L),
                    peakHeapAfterGcKiB(lines(harnessGc), window), maxThreads(samples, window, Sample::harness),
                    at(samples, window.stop(), Sample::sim).map(ProcessStats::peakRssKiB).orElse(0L),
                    peakHeapAfterGcKiB(lines(simGc), window), requestsPerSecond(samples, window), outcome);
        } finally {
            sim.destroy(); // its shutdown hook stops the rack and the backend
            if (!sim.waitFor(30, TimeUnit.SECONDS)) sim.destroyForcibly();
        }
    }

    private static Process java(Path home, List<String> jvm, Path gcLog, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.add("-Xlog:gc:file=" + gcLog + ":utctime");
        cmd.addAll(List.of("-Djava.awt.headless=true", "-Ddialtone.home=" + home));
        String leases = System.getProperty("dialtone.rack.state"); // where a test keeps its racks' leases
        if (leases != null) cmd.add("-Ddialtone.rack.state=" + leases);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static String controlUrl(String simOutput) {
        Matcher m = CONTROL_URL.matcher(simOutput);
        if (!m.find()) throw new IllegalStateException("the sim printed no control API URL ('  control  http://.../sim/v1/devices')");
        return m.group(1);
    }

    /** Each phone's device time so far, from the simulator's control API. */
    private static Map<String, Long> deviceTimes(HttpClient http, String controlUrl) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(controlUrl + "/sim/v1/devices")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return deviceTimes(JSON.readTree(r.body()));
    }

    static Map<String, Long> deviceTimes(JsonNode devices) {
        Map<String, Long> out = new HashMap<>();
        for (JsonNode d : devices.path("devices")) {
            if (!d.has("deviceTimeMillis")) throw new IllegalStateException("the simulator does not report deviceTimeMillis (an older build?)");
            out.put(d.path("id").asText(), d.path("deviceTimeMillis").asLong());
        }
        return out;
    }

    private static long requests(HttpClient http, URI uri) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body()).path("requests").asLong(-1);
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * The ideal wall time: the device time the busiest phone played between {@code before} and
     * {@code after} (phones run in parallel, each phone's steps one after another, so no run can be
     * shorter).
     */
    static Duration ideal(Map<String, Long> before, Map<String, Long> after) {
        long max = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            max = Math.max(max, e.getValue() - before.getOrDefault(e.getKey(), 0L));
        }
        return Duration.ofMillis(max);
    }

    static Window suiteWindow(Path allureResults) {
        long start = Long.MAX_VALUE;
        long stop = Long.MIN_VALUE;
        try (Stream<Path> files = Files.list(allureResults)) {
            for (Path f : files.filter(p -> p.toString().endsWith("-result.json") || p.toString().endsWith("-container.json")).toList()) {
                JsonNode n = JSON.readTree(f.toFile());
                List<JsonNode> timed = new ArrayList<>();
                if (f.toString().endsWith("-result.json")) timed.add(n);
                n.path("befores").forEach(timed::add);
                n.path("afters").forEach(timed::add);
                for (JsonNode t : timed) {
                    if (t.hasNonNull("start") && t.hasNonNull("stop")) {
                        start = Math.min(start, t.path("start").asLong());
                        stop = Math.max(stop, t.path("stop").asLong());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run's results in " + allureResults, e);
        }
        if (start == Long.MAX_VALUE) throw new IllegalStateException("no timed test in " + allureResults + ": did the suite run?");
        return new Window(start, stop);
    }

    /** The latest sample at or before {@code t} with the process's numbers, else the earliest that has them. */
    static Optional<ProcessStats> at(List<Sample> samples, long t, Function<Sample, Optional<ProcessStats>> which) {
        Optional<ProcessStats> found = Optional.empty();
        for (Sample s : samples) {
            if (which.apply(s).isEmpty()) continue;
            if (s.at() <= t || found.isEmpty()) found = which.apply(s);
            if (s.at() > t) break;
        }
        return found;
    }

    /** CPU used within the window: the first sample at or after its end (else the last) minus the last at or before its start. */
    static double cpuSeconds(List<Sample> samples, Window w, Function<Sample, Optional<ProcessStats>> which) {
        Optional<ProcessStats> from = at(samples, w.start(), which);
        Optional<ProcessStats> to = Optional.empty();
        for (Sample s : samples) {
            if (which.apply(s).isEmpty()) continue;
            to = which.apply(s);
            if (s.at() >= w.stop()) break;
        }
        if (from.isEmpty() || to.isEmpty()) return 0;
        return (to.get().cpuMillis() - from.get().cpuMillis()) / 1000.0;
    }

    static int maxThreads(List<Sample> samples, Window w, Function<Sample, Optional<ProcessStats>> which) {
        int max = 0;
        for (Sample s : samples) {
            if (s.at() >= w.start() && s.at() <= w.stop()) max = Math.max(max, which.apply(s).map(ProcessStats::threads).orElse(0));
        }
        return max;
    }

    static double requestsPerSecond(List<Sample> samples, Window w) {
        Sample from = null;
        Sample to = null;
        for (Sample s : samples) {
            if (s.requests() < 0) continue;
            if (s.at() <= w.start() || from == null) from = s;
            if (to == null || to.at() < w.stop()) to = s;
        }
        if (from == null || to == from || to.at() <= from.at()) return 0;
        return (to.requests() - from.requests()) * 1000.0 / (to.at() - from.at());
    }

    /** The largest heap left after a GC within the window, in KiB (an upper bound of the live set then); null if none ran. */
    static Long peakHeapAfterGcKiB(List<String> gcLog, Window w) {
        Long max = null;
        for (String line : gcLog) {
            Matcher m = GC_LINE.matcher(line);
            if (!m.find()) continue;
            long at = OffsetDateTime.parse(m.group(1), GC_TIME).toInstant().toEpochMilli();
            if (at < w.start() || at > w.stop()) continue;
            long kib = Long.parseLong(m.group(4)) * switch (m.group(5)) {
                case "K" -> 1L;
                case "M" -> 1024L;
                default -> 1024L * 1024;
            };
            max = max == null ? kib : Math.max(max, kib);
        }
        return max;
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }
}
