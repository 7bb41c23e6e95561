package dialtone.backend.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dialtone.backend.BackendConfig;
import dialtone.backend.BackendServer;
import dialtone.backend.TenantConfig;
import dialtone.backend.UserAccount;
import dialtone.model.Json;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token-polling rate and latency of the backend on loopback: N simulated phones each poll a
 * pending device code at a fixed period (interval 0 on the backend, so every poll is answered
 * {@code authorization_pending}; a phone never has two polls in flight, a tick that finds its
 * previous poll unanswered is counted as missed), for a fixed time, then it prints the achieved
 * requests/s and p50/p99/max latency. Stops by itself. Usage (see docs/benchmarks.md):
 * {@code TokenPollingBenchmark [pollers=1000] [targetRequestsPerSecond=5000] [seconds=20] [warmupSeconds=5]}.
 */
public final class TokenPollingBenchmark {
    private static final ObjectMapper JSON = Json.newMapper();
    private static final String GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    public static void main(String[] args) throws Exception {
        int pollers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int targetRate = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int warmupSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        long periodNanos = TimeUnit.SECONDS.toNanos(pollers) / targetRate;

        BackendConfig config = BackendConfig.builder()
                .devicePollInterval(Duration.ZERO)
                .tenant(new TenantConfig("contoso", "Contoso Ltd", "bench-admin-token",
                        List.of(UserAccount.commonArea("lobby@contoso.example", "Lobby", "bench-password-1"))))
                .build();
        ExecutorService clientThreads = Executors.newFixedThreadPool(2);
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        try (BackendServer backend = BackendServer.start(config)) {
            HttpClient client = HttpClient.newBuilder().executor(clientThreads)
                    .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
            URI token = URI.create(backend.url() + "/contoso/oauth2/v2.0/token");
            List<String> deviceCodes = new ArrayList<>();
            for (int i = 0; i < pollers; i++) {
                deviceCodes.add(deviceCode(client, URI.create(backend.url() + "/contoso/oauth2/v2.0/devicecode")));
            }
            System.out.printf("backend %s: %d pollers, one poll each every %.1f ms (target %d requests/s),"
                            + " %d s measured after %d s warm-up; %d cores, load average %s%n",
                    backend.url(), pollers, periodNanos / 1e6, targetRate, seconds, warmupSeconds,
                    Runtime.getRuntime().availableProcessors(), loadAverage());

            long start = System.nanoTime();
            long measureFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
            long stopAt = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
            Recorder recorder = new Recorder(measureFrom, stopAt);
            ticks.schedule(recorder::startCpuClock, measureFrom - System.nanoTime(), TimeUnit.NANOSECONDS);
            for (int i = 0; i < pollers; i++) {
                Poller poller = new Poller(client, token, deviceCodes.get(i), recorder);
                ticks.scheduleAtFixedRate(poller::tick, periodNanos * i / pollers, periodNanos, TimeUnit.NANOSECONDS);
            }
            ticks.schedule(() -> { }, stopAt - System.nanoTime(), TimeUnit.NANOSECONDS).get();
            recorder.stopCpuClock();
            ticks.shutdownNow();
            recorder.print(seconds);
        } finally {
            ticks.shutdownNow();
            clientThreads.shutdownNow();
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String deviceCode(HttpClient client, URI endpoint) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("client_id=" + BackendConfig.TEAMS_ANDROID_CLIENT_ID
                        + "&scope=openid")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        return body.path("device_code").asText();
    }

    /** One phone: polls on each tick unless its previous poll is still unanswered. */
    private static final class Poller {
        private final HttpClient client;
        private final HttpRequest request;
        private final Recorder recorder;
        private final AtomicBoolean inFlight = new AtomicBoolean();

        Poller(HttpClient client, URI token, String deviceCode, Recorder recorder) {
            this.client = client;
            this.recorder = recorder;
            this.request = HttpRequest.newBuilder(token)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=" + URLEncoder.encode(GRANT, StandardCharsets.UTF_8)
                            + "&client_id=" + BackendConfig.TEAMS_ANDROID_CLIENT_ID + "&device_code=" + deviceCode))
                    .build();
        }

        void tick() {
            long sent = System.nanoTime();
            if (sent >= recorder.stopAt) {
                return;
            }
            if (!inFlight.compareAndSet(false, true)) {
                recorder.missed(sent);
                return;
            }
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                long received = System.nanoTime();
                inFlight.set(false);
                boolean pending = failure == null && response.statusCode() == 400
                        && response.body().contains("\"authorization_pending\"");
                recorder.record(sent, received, pending);
            });
        }
    }

    /** Latencies of polls sent inside the measured window. */
    private static final class Recorder {
        private final long measureFrom;
        private final long stopAt;
        private final List<long[]> chunks = new ArrayList<>();
        private long[] current = new long[1 << 16];
        private int size;
        private final AtomicLong unexpected = new AtomicLong();
        private final AtomicLong missed = new AtomicLong();

        Recorder(long measureFrom, long stopAt) {
            this.measureFrom = measureFrom;
            this.stopAt = stopAt;
        }

        synchronized void record(long sent, long received, boolean pending) {
            if (sent < measureFrom) {
                return;
            }
            if (!pending) {
                unexpected.incrementAndGet();
            }
            if (size == current.length) {
                chunks.add(current);
                current = new long[current.length];
                size = 0;
            }
            current[size++] = received - sent;
        }

        private volatile long cpuAtStart;
        private volatile long cpuUsed;

        /** CPU time of this JVM (backend and client together): load-independent cost per poll. */
        private static long processCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        void startCpuClock() {
            cpuAtStart = processCpuNanos();
        }

        void stopCpuClock() {
            cpuUsed = processCpuNanos() - cpuAtStart;
        }

        void missed(long tick) {
            if (tick >= measureFrom) {
                missed.incrementAndGet();
            }
        }

        synchronized void print(int seconds) {
            int total = chunks.size() * current.length + size;
            long[] all = new long[total];
            int at = 0;
            for (long[] chunk : chunks) {
                System.arraycopy(chunk, 0, all, at, chunk.length);
                at += chunk.length;
            }
            System.arraycopy(current, 0, all, at, size);
            Arrays.sort(all);
            System.out.printf("polls: %d in %d s = %.0f requests/s%n", total, seconds, total / (double) seconds);
            System.out.printf("latency: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    millis(all, 0.50), millis(all, 0.99), total == 0 ? 0 : all[total - 1] / 1e6);
            System.out.printf("CPU (backend + client, one JVM): %.3f ms per poll%n", total == 0 ? 0 : cpuUsed / 1e6 / total);
            System.out.printf("answers other than authorization_pending: %d; ticks missed (previous poll unanswered): %d%n",
                    unexpected.get(), missed.get());
        }

        private static double millis(long[] sorted, double quantile) {
            if (sorted.length == 0) {
                return 0;
            }
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
        }
    }
}
