package dialtone.core.failure;

import dialtone.core.backend.BackendException;
import dialtone.core.phone.AdbException;
import dialtone.core.portal.PortalException;
import dialtone.core.screen.LocatorNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.awaitility.core.ConditionTimeoutException;
import org.openqa.selenium.NoSuchSessionException;
import org.openqa.selenium.SessionNotCreatedException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.remote.UnreachableBrowserException;

/**
 * The failure taxonomy's one classifier: exception types and their causes → {@link FailureCategory}.
 * Reading the chain from the outermost exception to its root cause:
 * <ol>
 *   <li>an exception that names its category ({@link Classified}) wins, the outermost one first;</li>
 *   <li>else any infrastructure exception in the chain (ADB, a lost or refused Appium session, the
 *       Appium server unreachable or timing out, an I/O error on the way to the backend) makes it
 *       infrastructure, whatever wraps it;</li>
 *   <li>else the outermost exception with a rule decides: an assertion or a state the phone or
 *       backend did not reach within its profile budget is a product defect; a backend answer
 *       decides by its status (401/403: environment); a profile locator that matched nothing is a
 *       test defect (see {@code docs/reporting.md});</li>
 *   <li>anything else is a test defect.</li>
 * </ol>
 */
public final class FailureClassifier {
    private FailureClassifier() {}

    public static Classification classify(Throwable failure) {
        if (failure == null) {
            return new Classification(FailureCategory.TEST_DEFECT, "no exception recorded");
        }
        Optional<FailureMarker> marked = marker(failure);
        if (marked.isPresent()) {
            return marked.get().classification();
        }
        List<Throwable> chain = chain(failure);
        for (Throwable t : chain) {
            if (t instanceof Classified c) {
                return new Classification(c.category(), firstLine(t));
            }
        }
        for (Throwable t : chain) {
            String infrastructure = infrastructure(t);
            if (infrastructure != null) {
                return new Classification(FailureCategory.INFRASTRUCTURE, infrastructure);
            }
        }
        for (Throwable t : chain) {
            Classification c = byType(t);
            if (c != null) {
                return c;
            }
        }
        return new Classification(FailureCategory.TEST_DEFECT, "unexpected " + t(failure) + " in the test: " + firstLine(failure));
    }

    /**
     * Classifies the failure and records the classification on it ({@link FailureMarker}), once:
     * a failure marked already keeps its first classification.
     */
    public static Classification mark(Throwable failure) {
        Classification c = classify(failure);
        if (failure != null && marker(failure).isEmpty()) {
            failure.addSuppressed(new FailureMarker(c));
        }
        return c;
    }

    private static Optional<FailureMarker> marker(Throwable failure) {
        for (Throwable s : failure.getSuppressed()) {
            if (s instanceof FailureMarker m) return Optional.of(m);
        }
        return Optional.empty();
    }

    /** Reason when {@code t} itself is an infrastructure failure, else null. */
    private static String infrastructure(Throwable t) {
        if (t instanceof AdbException) return "ADB to the phone failed: " + firstLine(t);
        if (t instanceof NoSuchSessionException) return "the Appium session was lost";
        if (t instanceof SessionNotCreatedException) return "Appium could not create a session";
        if (t instanceof UnreachableBrowserException) return "the Appium server could not be reached";
        if (t instanceof TimeoutException && !isClientSideWait(t)) return "the Appium server timed out";
        if (t instanceof BackendException b && (b.isUnreachable() || b.status() == 502 || b.status() == 503 || b.status() == 504)) {
            return b.isUnreachable() ? "the backend could not be reached" : "the backend's gateway answered " + b.status();
        }
        if (t instanceof IOException) return "lab network: " + t(t) + (t.getMessage() == null ? "" : " " + firstLine(t));
        return null;
    }

    /** Selenium's WebDriverWait times out on the client with this message: the page never got there. */
    private static boolean isClientSideWait(Throwable t) {
        return t.getMessage() != null && t.getMessage().startsWith("Expected condition failed");
    }

    private static Classification byType(Throwable t) {
        if (t instanceof AssertionError) {
            return new Classification(FailureCategory.PRODUCT_DEFECT, firstLine(t));
        }
        if (t instanceof ConditionTimeoutException || t instanceof TimeoutException) {
            return new Classification(FailureCategory.PRODUCT_DEFECT, "not reached in time: " + firstLine(t));
        }
        if (t instanceof BackendException b) {
            if (b.status() == 401 || b.status() == 403) {
                return new Classification(FailureCategory.ENVIRONMENT, "the backend refused the rack's admin credentials: " + firstLine(t));
            }
            return new Classification(FailureCategory.PRODUCT_DEFECT, "the backend answered: " + firstLine(t));
        }
        if (t instanceof PortalException) {
            return new Classification(FailureCategory.PRODUCT_DEFECT, "the Device Login portal: " + firstLine(t));
        }
        if (t instanceof LocatorNotFoundException) {
            return new Classification(FailureCategory.TEST_DEFECT, "device profile locator matched nothing: " + firstLine(t));
        }
        return null;
    }

    private static List<Throwable> chain(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && seen.add(t) && chain.size() < 32; t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static String t(Throwable t) {
        return t.getClass().getSimpleName();
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) return t(t);
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }
}
