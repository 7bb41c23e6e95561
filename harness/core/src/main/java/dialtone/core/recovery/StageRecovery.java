package dialtone.core.recovery;

import dialtone.core.failure.Classification;
import dialtone.core.failure.FailureCategory;
import dialtone.core.failure.FailureClassifier;
import dialtone.core.failure.ProgressLost;
import dialtone.core.screen.LocatorNotFoundException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Absorbs lab trouble where it hits: a flow stage that fails for the lab ({@code INFRASTRUCTURE}: ADB
 * dropped, the Appium session lost, a frozen UI, the phone rebooted under it, the phone could not reach
 * the service for a moment) gets its phone brought back by the lower rungs of the recovery ladder (never
 * a factory reset: that would undo what the test did) and is run again. A stage run again starts from
 * what the phone shows, so stages are written to converge from the phone's state to their target state
 * (labgrid's strategies). Only infrastructure failures are absorbed, at most {@value #MAX_ABSORBED} per
 * stage, the n-th run again after n × {@link #BACK_OFF}; a product defect, a policy problem or a test
 * defect is thrown at once, and a stage that still fails is thrown as it failed (then the test-level
 * retry, at most once, applies).
 *
 * <p>A stage that met lab trouble and then cannot resume (its screen is gone after a reboot: a locator
 * matches nothing) is reported as the lab trouble that caused it, with the later failure attached: the
 * phone was not where the test left it because of the lab, not because of the test or the firmware.
 */
public final class StageRecovery {
    private static final Logger log = LoggerFactory.getLogger(StageRecovery.class);
    /** Enough for a few faults in a row (a cut backend outlasts a quick re-run); a stage that keeps failing is not lab noise. */
    static final int MAX_ABSORBED = 4;

    /** Brings the phone back after {@code cause} met in {@code stage}; true when it is usable again. */
    @FunctionalInterface
    public interface Settle {
        boolean settle(String stage, String cause);
    }

    /** The pause before the n-th run again is n times this: lab trouble that lasts a few seconds (a cut network) is outlasted. */
    static final Duration BACK_OFF = Duration.ofSeconds(1);

    private final String device;
    private final Settle settle;
    private final Duration backOff;

    StageRecovery(String device, Settle settle, Duration backOff) {
        this.device = device;
        this.settle = settle;
        this.backOff = backOff;
    }

    /** Recovery through {@code settle} (the Lab's recovery ladder for the phone, without its factory-reset rung). */
    public static StageRecovery by(String device, Settle settle) {
        return new StageRecovery(device, settle, BACK_OFF);
    }

    /** No absorption: every stage runs once (outside a lab, and in tests of the flows themselves). */
    public static StageRecovery none() {
        return new StageRecovery("-", null, Duration.ZERO);
    }

    /** Runs {@code body}; on an infrastructure failure brings the phone back and runs it again (see the class comment). */
    public <T> T converge(String stage, Callable<T> body) throws Exception {
        Exception absorbedFirst = null;
        int absorbed = 0;
        while (true) {
            try {
                return body.call();
            } catch (Exception e) {
                Classification c = FailureClassifier.classify(e);
                if (absorbedFirst != null && c.category() == FailureCategory.TEST_DEFECT && screenMissing(e)) {
                    ProgressLost p = new ProgressLost(device + ": stage '" + stage + "' could not resume after "
                            + RecoveryLog.cause(absorbedFirst) + ": " + c.reason(), absorbedFirst);
                    p.addSuppressed(e);
                    p.leaveStage(); // a unit around this stage may start over
                    throw p;
                }
                if (e instanceof ProgressLost lost && !lost.leaveStage()) throw e; // this stage cannot converge; a unit around it may
                if (settle == null || c.category() != FailureCategory.INFRASTRUCTURE || absorbed >= MAX_ABSORBED) throw e;
                String cause = RecoveryLog.cause(e);
                log.warn("{}: stage '{}' met {} ({}); bringing the phone back to run the stage again ({} of {})",
                        device, stage, cause, c.reason(), absorbed + 1, MAX_ABSORBED);
                if (!settle.settle(stage, cause)) {
                    log.warn("{}: stage '{}': the phone did not come back; the failure stands", device, stage);
                    throw e;
                }
                absorbed++;
                if (absorbedFirst == null) absorbedFirst = e;
                // a technician's moment before trying again (a back-off, not a wait for a state the harness can see)
                LockSupport.parkNanos(backOff.multipliedBy(absorbed).toNanos());
                log.info("{}: stage '{}': absorbed {}; running the stage again from what the phone shows", device, stage, cause);
            }
        }
    }

    private static boolean screenMissing(Throwable t) {
        for (int i = 0; t != null && i < 32; t = t.getCause(), i++) {
            if (t instanceof LocatorNotFoundException) return true;
        }
        return false;
    }
}
