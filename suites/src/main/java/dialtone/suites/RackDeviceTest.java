package dialtone.suites;

import dialtone.core.evidence.Evidence;
import dialtone.core.lab.Lab;
import dialtone.core.phone.Phone;
import dialtone.core.recovery.RecoveryLog;
import dialtone.core.recovery.RecoveryOutcome;
import dialtone.core.recovery.StageRecovery;
import dialtone.core.rack.RackPool;
import io.qameta.allure.Allure;
import io.qameta.allure.model.Label;
import io.qameta.allure.util.ResultsUtils;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testng.IHookCallBack;
import org.testng.IHookable;
import org.testng.ITestResult;
import org.testng.annotations.AfterClass;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Listeners;

/**
 * A suite class instantiated once per rack phone ({@code @Factory}), so TestNG's
 * {@code parallel="instances"} drives every phone at once. Labels each Allure result with the
 * device, its model and the firmware it reports, and keeps one history per device. Skips a test
 * whose {@link Requires} the phone does not meet; infrastructure failures are retried once after
 * {@link #recoverForRetry()} ({@link FailureListener}).
 * <p>The instance made for a phone the run cannot use (quarantined by preflight, in maintenance,
 * leased by another run) runs on the pool's substitute of the same model ({@link RackPool#assign}):
 * {@link #deviceId()} is then the phone it really runs on and each result has a "moved from"
 * parameter; the per-phone lock serialises it with the substitute's own tests. Without a
 * substitute its tests are skipped as infrastructure ({@link PhoneUnavailable}), and so is a
 * {@link RackWide} test meant for it (the substitute runs that test once, as itself). A phone
 * quarantined in the middle of the run hands its later tests on the same way ({@link #phoneChanged()}).
 */
@Listeners(FailureListener.class)
public abstract class RackDeviceTest implements IHookable, InfrastructureRetry.Recoverable {
    private static final Logger log = LoggerFactory.getLogger(RackDeviceTest.class);
    protected final Lab lab;
    // where this instance's tests run: set at construction, and again when its phone is quarantined mid-run (bindTo)
    private volatile RackPool.Assignment assignment;
    private volatile String deviceId;
    protected volatile Phone phone;
    protected volatile Evidence evidence;
    private volatile String reportedFirmware = "-";
    private volatile Throwable lastFailure;

    protected RackDeviceTest(String deviceId) {
        this.lab = Lab.current();
        RackPool.Assignment a = lab.pool().assign(deviceId);
        bindTo(a, a.phone().orElse(deviceId)); // no phone: every test of this instance is skipped (run)
    }

    /** Runs this instance's tests on {@code device} ({@code a}'s phone) from now on. */
    private void bindTo(RackPool.Assignment a, String device) {
        this.assignment = a;
        this.deviceId = device;
        Phone p = lab.phone(device);
        this.phone = p;
        // lab trouble a stage meets is absorbed there (the ladder's lower rungs, then the stage again) before any test-level retry
        this.evidence = new Evidence(p, () -> lab.admin().audit(p.mac()), StageRecovery.by(device,
                (stage, cause) -> lab.recoveryLadder(p).recover(cause, Optional.of(stage)).recovered()));
    }

    /** This instance's tests moved to another phone in the middle of the run: rebuild what was made from {@link #phone}. */
    protected void phoneChanged() { }

    /** Name of the data provider that gives a suite class one instance per phone of the run. */
    public static final String RACK_PHONES = "rackPhones";

    /** The device id of every phone of the run: use with {@code @Factory(dataProvider = RACK_PHONES, ...)} on the constructor. */
    @DataProvider(name = RACK_PHONES)
    public static Object[][] rackPhones() {
        return Lab.current().devices().stream().map(d -> new Object[] {d.id()}).toArray(Object[][]::new);
    }

    /** The phone this instance runs on (a substitute when the one it was made for is unavailable). */
    public String deviceId() { return deviceId; }

    /** Where this instance's tests were meant to run and where they run. */
    public RackPool.Assignment assignment() { return assignment; }

    public String profileId() { return phone.profile().id(); }

    /** The model as the report names it, e.g. "CCX 500". */
    public String modelName() { return phone.profile().model(); }

    /** The firmware the phone reported over ADB at the start of the test ("-" before that). */
    public String reportedFirmware() { return reportedFirmware; }

    /** Call first in every test: labels the Allure result, then reads the firmware (ADB) for its parameters. */
    protected void describe(String title, String feature, String story) {
        labelResult(title);
        reportedFirmware = phone.firmware().toString();
        Allure.epic(FieldGuide.EPIC);
        Allure.feature(feature);
        Allure.story(story);
        Allure.parameter("model", phone.profile().model());
        Allure.parameter("firmware", reportedFirmware);
    }

    private void labelResult(String title) {
        String model = phone.profile().manufacturer() + " " + phone.profile().model();
        // Allure's TestNG listener labels the result with the TestNG suite; the report groups by model and device instead.
        // Its @TestInstanceParameter only sees fields of the concrete class, so the device is made a
        // parameter here, and the history id includes it: otherwise every phone's result would
        // collapse into one test with "retries". A test moved to a substitute keeps the history of the
        // phone it was meant for (else it would collapse into the substitute's own test).
        Allure.getLifecycle().updateTestCase(tc -> {
            tc.setName(title + " — " + deviceId + (assignment.moved() ? " (moved from " + assignment.requested() + ")" : ""));
            tc.getParameters().add(ResultsUtils.createParameter("device", deviceId));
            tc.setHistoryId(md5(tc.getFullName() + "|device=" + assignment.requested()));
            tc.getLabels().removeIf(l -> l.getName().equals("parentSuite") || l.getName().equals("suite"));
            tc.getLabels().add(new Label().setName("parentSuite").setValue(model));
            tc.getLabels().add(new Label().setName("suite").setValue(deviceId));
            if (assignment.moved()) tc.getParameters().add(ResultsUtils.createParameter("moved from", assignment.reason()));
        });
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Capability gating: a test whose {@link Requires} this phone does not meet is skipped, not run. */
    @Override
    public void run(IHookCallBack callBack, ITestResult result) {
        String test = result.getMethod().getMethodName();
        if (assignment.phone().isEmpty()) {
            labelResult(test);
            throw new PhoneUnavailable(assignment.reason());
        }
        if (assignment.moved() && getClass().isAnnotationPresent(RackWide.class)) {
            labelResult(test);   // its substitute runs the rack-wide test as itself: once per phone
            throw new PhoneUnavailable(assignment.reason() + "; a rack-wide test runs once per phone, and " + deviceId + " runs its own");
        }
        var requires = Applicability.of(result.getMethod().getConstructorOrMethod().getMethod());
        if (requires.isPresent()) {
            var why = Applicability.whyNot(requires.get(), phone.profile(), phone::firmware);
            if (why.isPresent()) {
                throw new NotApplicable(why.get());
            }
        }
        // TestNG's parallel="instances" may still start several methods of one instance at once:
        // a phone runs one test at a time.
        ReentrantLock lock = lockUsablePhone(test);
        try {
            RackDeviceTest previous = LAST_ON_PHONE.put(deviceId, this);
            if (previous != null && previous != this) {
                previous.phone.endSession(); // a phone takes one Appium session: the instance that ran on it before hands it over
            }
            lab.pool().testStarted(deviceId, test);
            try {
                callBack.runTestMethod(result);
                // the cause a recovery before the retry records; here TestNG still wraps it
                Throwable t = result.getThrowable();
                lastFailure = t instanceof java.lang.reflect.InvocationTargetException w && w.getCause() != null ? w.getCause() : t;
            } finally {
                lab.pool().testEnded(deviceId, test);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the lock of this instance's phone. A phone quarantined in the middle of the run hands its
     * tests to a usable phone of the same model ({@link RackPool#reassign}); without one, or for a
     * {@link RackWide} test (whose others went on without this phone), the test is skipped as infrastructure.
     */
    private ReentrantLock lockUsablePhone(String test) {
        while (true) {
            ReentrantLock lock = PHONE_LOCKS.computeIfAbsent(deviceId, d -> new ReentrantLock());
            lock.lock();
            Optional<String> quarantined = lab.pool().unavailable(deviceId);
            if (quarantined.isEmpty()) return lock;
            lock.unlock();
            RackPool.Assignment moved = lab.pool().reassign(assignment.requested(), deviceId);
            if (moved.phone().isEmpty() || getClass().isAnnotationPresent(RackWide.class)) {
                labelResult(test);
                PhoneUnavailable skipped = new PhoneUnavailable(deviceId + " " + quarantined.get());
                noMoreAttempts(skipped);
                throw skipped;
            }
            log.info("{}: {} runs on {} ({})", test, assignment.requested(), moved.phone().get(), moved.reason());
            bindTo(moved, moved.phone().get());
            phoneChanged();
        }
    }

    private static final Map<String, ReentrantLock> PHONE_LOCKS = new ConcurrentHashMap<>();
    /** The instance whose test ran last on each phone: more than one when tests moved to it from a quarantined phone. */
    private static final Map<String, RackDeviceTest> LAST_ON_PHONE = new ConcurrentHashMap<>();

    /**
     * Recovery before an infrastructure retry: the recovery ladder, from reconnecting ADB up to a
     * factory reset (docs/reliability.md). A phone it cannot bring back goes to {@link #phoneLost}.
     */
    @Override
    public boolean recoverForRetry() {
        RecoveryOutcome outcome = lab.recoveryLadder(phone).recover(RecoveryLog.cause(lastFailure));
        if (!outcome.recovered()) {
            phoneLost(outcome);
        }
        return outcome.recovered();
    }

    /** The ladder could not bring the phone back: quarantined, so its later tests do not run on it. */
    protected void phoneLost(RecoveryOutcome outcome) {
        log.error("{}", outcome.phoneLost().getMessage());
        lab.pool().quarantine(deviceId, "recovery ladder exhausted: " + outcome.phoneLost().getMessage());
    }

    @AfterClass(alwaysRun = true)
    public void releasePhone() {
        phone.close();
    }
}
