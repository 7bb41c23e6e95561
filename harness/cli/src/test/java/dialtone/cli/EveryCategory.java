package dialtone.cli;

import dialtone.core.failure.EnvironmentProblem;
import dialtone.core.failure.ProductDefect;
import dialtone.core.phone.AdbException;
import dialtone.core.screen.LocatorNotFoundException;
import dialtone.model.profile.DeviceProfile.Feature;
import dialtone.model.profile.PhoneScreen;
import dialtone.suites.RackDeviceTest;
import dialtone.suites.PhoneUnavailable;
import dialtone.suites.Requires;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.testng.annotations.Factory;
import org.testng.annotations.Test;

/** A suite class that fails once in each way the taxonomy knows, without touching its phone. */
public class EveryCategory extends RackDeviceTest {
    static final AtomicInteger flakyAttempts = new AtomicInteger();

    @Factory(dataProvider = RACK_PHONES, dataProviderClass = RackDeviceTest.class)
    public EveryCategory(String deviceId) {
        super(deviceId);
    }

    /** No phone behind this rack: recovery "succeeds" so the retry can be seen. */
    @Override
    public boolean recoverForRetry() {
        return true;
    }

    @Test
    public void passes() {}

    @Test
    public void assertionFails() {
        throw new AssertionError("expected: <WAITING_FOR_SIGN_IN> but was: <WAITING_ON_ACTIVATION>");
    }

    @Test
    public void productDefect() {
        throw new ProductDefect("the phone accepted a reused verification code");
    }

    @Test
    public void adbAlwaysDown() {
        throw new AdbException("127.0.0.1:15601: connection refused");
    }

    @Test
    public void adbDropsOnce() {
        if (flakyAttempts.incrementAndGet() == 1) throw new AdbException("127.0.0.1:15601: connection reset");
    }

    @Test
    public void enrolmentBlocked() {
        throw new EnvironmentProblem("Intune enrolment blocked: the sign-in loops back to the enrolment screen");
    }

    @Test
    public void profileLocatorWrong() {
        throw new LocatorNotFoundException(phone.profile(), PhoneScreen.SIGN_IN, "settingsButton",
                phone.profile().locator(PhoneScreen.SIGN_IN, "settingsButton"), Duration.ofSeconds(3));
    }

    @Test
    public void harnessBug() {
        Object nothing = null;
        nothing.toString();
    }

    @Requires(Feature.CONFERENCE)
    @Test
    public void conferenceOnly() {}

    /** What a test meets when its phone was quarantined and no phone of its model could take it. */
    @Test
    public void phoneUnavailable() {
        throw new PhoneUnavailable("ccx500-1 quarantined: preflight: ADB unreachable");
    }
}
