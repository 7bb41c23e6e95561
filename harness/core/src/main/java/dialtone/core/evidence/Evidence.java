package dialtone.core.evidence;

import dialtone.core.phone.Phone;
import dialtone.model.Json;
import dialtone.model.audit.AuditEvent;
import io.qameta.allure.Allure;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a firmware validator reads the next morning: an Allure step per stage with a screenshot of
 * the phone at its end, and on failure the page source and a screenshot of where the phone was,
 * plus the device's slice of the backend audit log. Collecting evidence never fails a test by itself.
 */
public final class Evidence {
    private static final Logger log = LoggerFactory.getLogger(Evidence.class);

    private final Phone phone;
    private final Supplier<List<AuditEvent>> backendAudit;

    public Evidence(Phone phone) {
        this(phone, List::of);
    }

    /** {@code backendAudit}: the phone's slice of the backend audit log, read at failure time. */
    public Evidence(Phone phone, Supplier<List<AuditEvent>> backendAudit) {
        this.phone = phone;
        this.backendAudit = backendAudit;
    }

    /** One stage of a flow, as an Allure step, ending with a screenshot of the phone. */
    public <T> T stage(String name, Callable<T> body) {
        return Allure.step(name, () -> {
            try {
                T result = body.call();
                screenshot(name);
                return result;
            } catch (Throwable t) {
                failure(name);
                throw t;
            }
        });
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

    /** Page source and screenshot of the phone where a stage failed. */
    public void failure(String stage) {
        try {
            Allure.addAttachment("Page source at failure — " + stage, "application/xml",
                    new ByteArrayInputStream(phone.pageSource().getBytes(StandardCharsets.UTF_8)), "xml");
        } catch (RuntimeException e) {
            log.warn("{}: no page source after failure: {}", phone.id(), e.getMessage());
        }
        screenshot("Screen at failure — " + stage);
        try {
            List<AuditEvent> events = backendAudit.get();
            if (!events.isEmpty()) {
                Allure.addAttachment("Backend audit log — " + phone.id(), "application/json",
                        Json.newMapper().writerWithDefaultPrettyPrinter().writeValueAsString(events), "json");
            }
        } catch (Exception e) {
            log.warn("{}: no backend audit log after failure: {}", phone.id(), e.getMessage());
        }
    }
}
