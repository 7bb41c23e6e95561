package dialtone.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dialtone.suites.RackDeviceTest;
import io.qameta.allure.Allure;
import io.qameta.allure.listener.StepLifecycleListener;
import io.qameta.allure.model.StepResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testng.ITestResult;
import org.testng.Reporter;

/**
 * Injects a chaos run's infrastructure faults: before each Allure step of a rack-device test, asks
 * the {@link FaultPlan} whether this step (device, test, attempt, step number) gets a fault and, if
 * so, injects it through the simulator's control API and records it, one JSON line per fault, in
 * {@code reports/run/chaos-faults.jsonl}. Active only while a chaos run installs it.
 */
final class ChaosInjector {
    private static final Logger log = LoggerFactory.getLogger(ChaosInjector.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile ChaosInjector active;

    /** One injected fault, as recorded. */
    record Injection(String time, String device, String test, int attempt, int step, String fault) {}

    private final FaultPlan plan;
    private final URI control;
    private final Path ledger;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ThreadLocal<String> testOfThread = new ThreadLocal<>();
    private final ThreadLocal<int[]> stepsOfThread = ThreadLocal.withInitial(() -> new int[1]);
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    ChaosInjector(FaultPlan plan, URI control, Path ledger) {
        this.plan = plan;
        this.control = control;
        this.ledger = ledger;
    }

    static Path ledger(Path reports) { return reports.resolve("run/chaos-faults.jsonl"); }

    /** Makes {@code injector} (null: none) the one the steps of this JVM's runs meet. */
    static void activate(ChaosInjector injector) { active = injector; }

    void beforeStep() {
        ITestResult r = Reporter.getCurrentTestResult();
        String uuid = Allure.getLifecycle().getCurrentTestCase().orElse(null);
        if (r == null || uuid == null || !(r.getInstance() instanceof RackDeviceTest t)) return;
        String device = t.deviceId();
        String test = r.getMethod().getQualifiedName();
        int[] steps = stepsOfThread.get();
        if (!uuid.equals(testOfThread.get())) { // a new test, or a new attempt of one
            testOfThread.set(uuid);
            steps[0] = 0;
            attempts.computeIfAbsent(device + "|" + test, k -> new AtomicInteger()).incrementAndGet();
        }
        int step = ++steps[0];
        int attempt = attempts.get(device + "|" + test).get();
        plan.before(device, test, attempt, step).ifPresent(fault -> inject(new Injection(Instant.now().toString(), device, test,
                attempt, step, fault.wireName), fault.body));
    }

    /** Plants a firmware defect on {@code device} for the whole run. */
    void plant(String device, String defect) {
        post(device, "{\"type\":\"defect\",\"name\":\"" + defect + "\"}");
    }

    private void inject(Injection injection, String body) {
        try {
            post(injection.device(), body);
        } catch (RuntimeException e) {
            log.warn("chaos: could not inject {} on {}: {}", injection.fault(), injection.device(), e.getMessage());
            return;
        }
        log.info("chaos: injected {} on {} before step {} of {} (attempt {})", injection.fault(), injection.device(),
                injection.step(), injection.test(), injection.attempt());
        synchronized (this) {
            try {
                Files.createDirectories(ledger.getParent());
                Files.writeString(ledger, JSON.writeValueAsString(injection) + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record the fault in " + ledger, e);
            }
        }
    }

    private void post(String device, String body) {
        HttpRequest request = HttpRequest.newBuilder(control.resolve("/sim/v1/devices/" + device + "/faults"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the simulator refused " + body + " for " + device + ": " + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the simulator control API " + control, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted injecting a fault", e);
        }
    }

    /** The faults recorded in {@code ledger} (none when there is no file). */
    static List<Injection> read(Path ledger) {
        List<Injection> out = new ArrayList<>();
        if (!Files.isRegularFile(ledger)) return out;
        try {
            for (String line : Files.readAllLines(ledger)) {
                if (!line.isBlank()) out.add(JSON.readValue(line, Injection.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the chaos fault record " + ledger, e);
        }
        return out;
    }

    /** The Allure step listener (ServiceLoader) that hands every step start to the active injector. */
    public static final class Steps implements StepLifecycleListener {
        @Override
        public void beforeStepStart(StepResult step) {
            ChaosInjector injector = active;
            if (injector != null) injector.beforeStep();
        }
    }
}
