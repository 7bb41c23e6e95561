package dialtone.cli;

import dialtone.suites.RackDeviceTest;
import io.qameta.allure.listener.TestLifecycleListener;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.TestResult;
import org.testng.ITestResult;
import org.testng.Reporter;

/**
 * Labels each Allure result, as it is written, with what ties it to the run plan: the device the
 * test ran on ({@value #DEVICE}; known even when the test never reached its first step) and, for
 * an attempt TestNG will run again after an infrastructure failure, {@value #RETRIED}. Allure
 * loads it with the ServiceLoader (META-INF/services); TestNG's current result on the writing
 * thread says which test the result is.
 */
public final class ResultLabels implements TestLifecycleListener {
    static final String DEVICE = "device";
    static final String RETRIED = "retried";

    @Override
    public void beforeTestWrite(TestResult result) {
        ITestResult r = Reporter.getCurrentTestResult();
        if (r == null || !r.getMethod().getQualifiedName().equals(result.getFullName())) return;
        result.getLabels().removeIf(l -> l.getName().equals(DEVICE) || l.getName().equals(RETRIED));
        result.getLabels().add(new Label().setName(DEVICE).setValue(r.getInstance() instanceof RackDeviceTest t ? t.deviceId() : RunPlan.NO_DEVICE));
        if (r.wasRetried()) {
            result.getLabels().add(new Label().setName(RETRIED).setValue("true"));
        }
    }
}
