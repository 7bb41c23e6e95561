package dialtone.core.recovery;

import dialtone.core.phone.Phone;
import dialtone.core.power.PowerControl;
import dialtone.model.profile.DeviceProfile;
import dialtone.model.profile.Recovery;
import dialtone.model.profile.Recovery.Rung;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.awaitility.Awaitility.await;

/**
 * Brings a phone back after an infrastructure failure by climbing, cheapest first: reconnect ADB → new
 * Appium session → restart the Teams app → reboot → power cycle → factory reset. Each rung is an action
 * then a {@link PhoneHealth} check, with attempts and timeout from the profile's {@code recovery:}
 * section; the climb stops at the first rung after which the phone is usable. Every attempt is logged
 * and recorded in {@link RecoveryLog}. A phone no rung brings back is lost: the outcome says so and
 * {@link RecoveryOutcome#phoneLost()} is its typed failure; quarantining it is the caller's decision.
 *
 * <p>The factory-reset rung is "factory reset and re-provision": after the reset, when the ladder was
 * given a {@link Reprovisioning} (the {@code Lab} gives one that provisions the phone into the rack's
 * tenant and checks it shows the organization), the rung counts only once that worked, so a phone
 * back from the top rung is proven usable end to end. Without one it leaves the phone in factory
 * state. Suite tests start with their own reset and provisioning either way.
 */
public final class RecoveryLadder {
    private static final Logger log = LoggerFactory.getLogger(RecoveryLadder.class);

    private final Phone phone;
    private final Optional<PowerControl> power;
    private final RecoveryLog record;
    private final Clock clock;
    private final Optional<Reprovisioning> reprovisioning;

    /** The location a phone re-provisioned by the top rung is added with in the admin center. */
    public static final String REPROVISIONED_LOCATION = "Re-provisioned by the recovery ladder";

    /** What the top rung does after the factory reset: bring the phone back into the lab's tenant, or throw. */
    @FunctionalInterface
    public interface Reprovisioning {
        void reprovision(Phone phone);
    }

    /** @param power empty when the rack says {@code power: none}: the power-cycle rung is skipped */
    public RecoveryLadder(Phone phone, Optional<PowerControl> power, RecoveryLog record) {
        this(phone, power, record, Optional.empty());
    }

    /** @param reprovisioning run after the factory-reset rung's reset; empty: the rung leaves factory state */
    public RecoveryLadder(Phone phone, Optional<PowerControl> power, RecoveryLog record, Optional<Reprovisioning> reprovisioning) {
        this(phone, power, record, Clock.systemUTC(), reprovisioning);
    }

    RecoveryLadder(Phone phone, Optional<PowerControl> power, RecoveryLog record, Clock clock, Optional<Reprovisioning> reprovisioning) {
        this.phone = phone;
        this.power = power;
        this.record = record;
        this.clock = clock;
        this.reprovisioning = reprovisioning;
    }

    /** Climbs until the phone is usable or every rung failed; {@code cause}: what failed (no secrets). */
    public RecoveryOutcome recover(String cause) {
        return recover(cause, Optional.empty());
    }

    /**
     * {@link #recover(String)} inside a flow stage ({@link StageRecovery}): its entries name the stage, and
     * the factory-reset rung is not climbed (it would undo what the test did; the test-level retry may).
     */
    public RecoveryOutcome recover(String cause, Optional<String> stage) {
        return phone.adb().failingFast(() -> climb(cause, stage)); // each rung's check has its own budget: no call waits out a reboot
    }

    private RecoveryOutcome climb(String cause, Optional<String> stage) {
        Recovery budgets = phone.profile().recovery();
        List<RecoveryOutcome.Attempt> attempts = new ArrayList<>();
        log.info("{}: recovering after: {}", phone.id(), cause);
        for (Rung rung : Rung.values()) {
            Recovery.Step step = budgets.step(rung);
            if (step.attempts() == 0) {
                log.info("{}: rung {} skipped: the profile gives it 0 attempts", phone.id(), rung);
                continue;
            }
            if (rung == Rung.FACTORY_RESET && stage.isPresent()) {
                log.info("{}: rung {} not climbed inside stage '{}': it would undo what the test did (the test-level retry may)", phone.id(), rung, stage.get());
                continue;
            }
            if (rung == Rung.POWER_CYCLE && power.isEmpty()) {
                log.info("{}: rung {} skipped: the rack file says power: none", phone.id(), rung);
                continue;
            }
            for (int n = 1; n <= step.attempts(); n++) {
                long start = System.nanoTime();
                Optional<String> problem = attempt(rung, step.timeout(), budgets);
                long millis = (System.nanoTime() - start) / 1_000_000;
                attempts.add(new RecoveryOutcome.Attempt(rung, n, problem, millis));
                record.record(new RecoveryLog.Entry(clock.instant(), phone.id(), rung.key(), cause, problem.isEmpty(), millis, stage));
                if (problem.isEmpty()) {
                    log.info("{}: recovered by rung {} (attempt {} of {}, {} ms)", phone.id(), rung, n, step.attempts(), millis);
                    return new RecoveryOutcome(phone.id(), cause, Optional.of(rung), attempts);
                }
                log.warn("{}: rung {} attempt {} of {} failed after {} ms: {}", phone.id(), rung, n, step.attempts(), millis, problem.get());
            }
        }
        RecoveryOutcome lost = new RecoveryOutcome(phone.id(), cause, Optional.empty(), attempts);
        log.error("{}", lost.phoneLost().getMessage());
        return lost;
    }

    /** The rung's action, then the health check within {@code timeout}: empty when the phone is usable. */
    private Optional<String> attempt(Rung rung, Duration timeout, Recovery budgets) {
        Optional<String> bootBefore;
        try {
            bootBefore = act(rung, budgets);
        } catch (RuntimeException e) {
            return Optional.of("the action failed: " + RecoveryLog.cause(e));
        }
        Optional<String> problem = awaitUsable(timeout, bootBefore);
        if (problem.isEmpty() && rung == Rung.FACTORY_RESET && reprovisioning.isPresent()) {
            try {
                reprovisioning.get().reprovision(phone);
            } catch (RuntimeException e) {
                return Optional.of("re-provisioning after the factory reset failed: " + RecoveryLog.cause(e));
            }
        }
        return problem;
    }

    /** Does the rung's action; returns the boot id before it when the action reboots the phone. */
    private Optional<String> act(Rung rung, Recovery budgets) {
        DeviceProfile profile = phone.profile();
        switch (rung) {
            case RECONNECT_ADB -> phone.adb().disconnect();
            case NEW_APPIUM_SESSION -> phone.endSession();
            case RESTART_APP -> {
                String app = profile.teams().packageName();
                phone.adb().shell("am force-stop " + app);
                phone.adb().shell("am start -n " + app + "/" + profile.teams().launchActivity());
            }
            case REBOOT -> {
                return Optional.of(phone.startReboot());
            }
            case POWER_CYCLE -> {
                Optional<String> before = bootIdIfReadable();
                phone.endSession();
                phone.adb().disconnect();
                power.orElseThrow().cycle(budgets.powerOffFor());
                return before;
            }
            case FACTORY_RESET -> {
                return Optional.of(phone.startFactoryReset());
            }
        }
        return Optional.empty();
    }

    private Optional<String> bootIdIfReadable() {
        try {
            return Optional.of(phone.bootId());
        } catch (RuntimeException e) {
            return Optional.empty(); // a wedged phone: its boot id is not readable, which is why it gets power-cycled
        }
    }

    /**
     * Polls {@link PhoneHealth} (and, after a reboot, a new boot id) until usable or {@code timeout}. The
     * checks run on Awaitility's own thread, so a UI that does not answer (a frozen UiAutomator2) cannot
     * hold the rung past its timeout: the check is interrupted.
     */
    private Optional<String> awaitUsable(Duration timeout, Optional<String> bootBefore) {
        String unfinished = "the health check did not finish: a call to the phone did not answer";
        AtomicReference<String> last = new AtomicReference<>(unfinished);
        try {
            await(phone.id() + " usable again")
                    .atMost(timeout)
                    .pollInterval(phone.profile().budgets().poll())
                    .until(() -> {
                        Optional<String> problem = bootBefore.isPresent() && !rebooted(bootBefore.get())
                                ? Optional.of("has not rebooted yet") : PhoneHealth.problem(phone);
                        // a check cut short at the timeout fails with its interruption: keep what the last whole check saw
                        if (!Thread.currentThread().isInterrupted()) last.accumulateAndGet(problem.orElse(""), (prev, now) -> prev == null ? null : now);
                        return problem.isEmpty();
                    });
            return Optional.empty();
        } catch (ConditionTimeoutException e) {
            String seen = last.getAndSet(null); // later (interrupted) checks no longer count
            return Optional.of((seen == null || seen.isEmpty() ? unfinished : seen) + " (after " + timeout.toMillis() + " ms)");
        }
    }

    private boolean rebooted(String bootBefore) {
        try {
            return !phone.adb().shellOnce("cat /proc/sys/kernel/random/boot_id").strip().equals(bootBefore);
        } catch (RuntimeException e) {
            phone.adb().disconnect(); // down, or just back up: connect afresh at the next look
            return false;
        }
    }
}
