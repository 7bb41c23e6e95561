package dialtone.core.evidence;

import dialtone.core.phone.Phone;
import dialtone.core.recovery.StageRecovery;
import dialtone.model.Json;
import dialtone.model.audit.AuditEvent;
import io.qameta.allure.Allure;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import io.appium.java_client.android.AndroidDriver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openqa.selenium.OutputType;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a firmware validator reads the next morning: an Allure step per stage with a screenshot of
 * the phone at its end, and on failure the page source and a screenshot of where the phone was,
 * plus the end of its logcat and the device's slice of the backend audit log. Collecting evidence never
 * fails a test by itself and never repairs the phone (see {@link #failure}).
 */
public final class Evidence {
    private static final Logger log = LoggerFactory.getLogger(Evidence.class);
    /** The end of the log is what explains a failure; a whole buffer would drown the report. */
    static final int MAX_LOGCAT_LINES = 2_000;
    /** Captures run here so a phone that does not answer cannot hold the test past the budget. */
    private static final ExecutorService CAPTURES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "evidence-capture");
        t.setDaemon(true);
        return t;
    });

    private final Phone phone;
    private final Supplier<List<AuditEvent>> backendAudit;
    private final StageRecovery recovery;

    public Evidence(Phone phone) {
        this(phone, List::of);
    }

    /** {@code backendAudit}: the phone's slice of the backend audit log, read at failure time. */
    public Evidence(Phone phone, Supplier<List<AuditEvent>> backendAudit) {
        this(phone, backendAudit, StageRecovery.none());
    }

    /** {@code recovery}: how a phone stage absorbs lab trouble ({@link StageRecovery}; none: every stage runs once). */
    public Evidence(Phone phone, Supplier<List<AuditEvent>> backendAudit, StageRecovery recovery) {
        this.phone = phone;
        this.backendAudit = backendAudit;
        this.recovery = recovery;
    }

    /**
     * One stage of a flow, as an Allure step, ending with a screenshot of the phone. A stage that fails
     * for the lab is run again, as a new step, once the phone is back ({@link StageRecovery}): its body
     * must start from what the phone shows (the faults a stage meets happen before or under its first call).
     */
    public <T> T stage(String name, Callable<T> body) {
        return recovering(name, () -> Allure.step(name, () -> {
            try {
                T result = body.call();
                screenshot(name);
                return result;
            } catch (Throwable t) {
                failure(name);
                throw t;
            }
        }));
    }

    /**
     * Several stages that converge together: when one of them fails for the lab, the phone is brought
     * back and {@code body} runs again from its start ({@link StageRecovery}); not an Allure step itself.
     */
    public <T> T recovering(String name, Callable<T> body) {
        try {
            return recovery.converge(name, body);
        } catch (Exception e) {
            throw Evidence.<RuntimeException>sneaky(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }

    public void stage(String name, Runnable body) {
        stage(name, () -> {
            body.run();
            return null;
        });
    }

    /** A stage checked on the backend only: no phone screenshot. */
    public <T> T backendStage(String name, Callable<T> body) {
        return Allure.step(name, body::call);
    }

    public void screenshot(String name) {
        try {
            Allure.addAttachment(name + " — " + phone.id(), "image/png", new ByteArrayInputStream(phone.screenshot()), "png");
        } catch (RuntimeException e) {
            log.warn("{}: no screenshot for '{}': {}", phone.id(), name, e.getMessage());
        }
    }

    /** What {@link #failure} collected, and what it could not (each a short note, also logged and attached). */
    public record Diagnostics(List<String> captured, List<String> notes) {}

    /**
     * Page source, screenshot, logcat and the backend audit log of the phone where a stage failed,
     * collected with recovery off and capped in time, as Trade Federation's ScreenshotOnFailureCollector
     * does: only an Appium session already open is used (none is made), ADB is asked once (no
     * reconnect), and everything together may take the profile's {@code recovery.diagnostics}. A capture
     * that fails or runs out of time is noted, never thrown; the test's own failure is what is reported.
     */
    public Diagnostics failure(String stage) {
        long deadline = System.nanoTime() + phone.profile().recovery().diagnostics().toNanos();
        List<String> captured = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Optional<AndroidDriver> session = phone.session();

        capture("page source", deadline, notes, () -> session.orElseThrow(Evidence::noSession).getPageSource()).ifPresent(xml -> {
            Allure.addAttachment("Page source at failure — " + stage, "application/xml",
                    new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "xml");
            captured.add("page source");
        });
        capture("screenshot", deadline, notes, () -> session.orElseThrow(Evidence::noSession).getScreenshotAs(OutputType.BYTES)).ifPresent(png -> {
            Allure.addAttachment("Screen at failure — " + stage + " — " + phone.id(), "image/png", new ByteArrayInputStream(png), "png");
            captured.add("screenshot");
        });
        capture("logcat", deadline, notes, () -> phone.adb().shellOnce("logcat -d")).ifPresent(logcat -> {
            List<String> lines = logcat.lines().toList();
            String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - MAX_LOGCAT_LINES), lines.size()));
            Allure.addAttachment("Logcat at failure — " + phone.id(), "text/plain", tail, "txt");
            captured.add("logcat");
        });
        capture("backend audit log", deadline, notes, backendAudit::get).ifPresent(events -> {
            if (!events.isEmpty()) {
                try {
                    Allure.addAttachment("Backend audit log — " + phone.id(), "application/json",
                            Json.newMapper().writerWithDefaultPrettyPrinter().writeValueAsString(events), "json");
                } catch (Exception e) {
                    notes.add("backend audit log: not written: " + e.getMessage());
                    return;
                }
            }
            captured.add("backend audit log");
        });
        if (!notes.isEmpty()) {
            Allure.addAttachment("Diagnostics not collected — " + phone.id(), "text/plain", String.join("\n", notes), "txt");
        }
        return new Diagnostics(List.copyOf(captured), List.copyOf(notes));
    }

    private static IllegalStateException noSession() {
        return new IllegalStateException("no Appium session open (evidence never opens one)");
    }

    /** Runs one capture on its own thread within what is left of the budget; a failure or a timeout becomes a note. */
    private <T> Optional<T> capture(String what, long deadline, List<String> notes, Callable<T> body) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            note(notes, what + ": skipped, the diagnostics budget of " + phone.profile().recovery().diagnostics().toMillis() + " ms is spent");
            return Optional.empty();
        }
        Future<T> f = CAPTURES.submit(body);
        try {
            return Optional.ofNullable(f.get(left, TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            f.cancel(true);
            note(notes, what + ": no answer within the diagnostics budget of " + phone.profile().recovery().diagnostics().toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().lines().findFirst().orElse("");
            note(notes, what + ": failed: " + message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            note(notes, what + ": interrupted");
        }
        return Optional.empty();
    }

    private void note(List<String> notes, String note) {
        log.warn("{}: evidence: {}", phone.id(), note);
        notes.add(note);
    }
}
