package dialtone.suites;

import dialtone.core.failure.Classification;
import dialtone.core.failure.FailureClassifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testng.IRetryAnalyzer;
import org.testng.ITestResult;
import org.testng.SkipException;

/**
 * Runs a test a second time only when its failure was the lab's ({@code INFRASTRUCTURE}), only
 * once, and only after the test instance recovered its phone ({@link Recoverable}). A product
 * defect, a policy problem or a test defect would fail the same way again, so it is reported at
 * once. Allure shows the first attempt under the result's retries (same history id).
 */
public final class InfrastructureRetry implements IRetryAnalyzer {
    private static final Logger log = LoggerFactory.getLogger(InfrastructureRetry.class);
    static final int MAX_RETRIES = 1;

    private int retries;

    /** A test instance that can bring its phone back to a known connection before a retry. */
    public interface Recoverable {
        /** True when the phone is reachable again and the test may run once more. */
        boolean recoverForRetry();

        /**
         * The test will not run again on this phone: its last attempt failed with {@code why}, or the phone
         * became unavailable before it ran (e.g. a rack-wide test's other phones stop waiting for it).
         */
        default void noMoreAttempts(Throwable why) { }
    }

    @Override
    public boolean retry(ITestResult result) {
        boolean again = decide(result);
        if (!again && result.getInstance() instanceof Recoverable r) {
            r.noMoreAttempts(result.getThrowable());
        }
        return again;
    }

    private boolean decide(ITestResult result) {
        if (result.getThrowable() instanceof SkipException) {
            return false; // a phone unavailable for the run stays unavailable
        }
        Classification c = FailureClassifier.mark(result.getThrowable());
        if (!c.category().retryable() || retries >= MAX_RETRIES) {
            return false;
        }
        String test = result.getMethod().getQualifiedName();
        if (result.getInstance() instanceof Recoverable r && !r.recoverForRetry()) {
            log.warn("{}: {}; recovery failed, not retried", test, c);
            return false;
        }
        retries++;
        log.info("{}: {}; retrying after recovery ({} of {})", test, c, retries, MAX_RETRIES);
        return true;
    }
}
