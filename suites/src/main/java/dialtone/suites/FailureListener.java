package dialtone.suites;

import dialtone.core.failure.FailureClassifier;
import org.testng.IInvokedMethod;
import org.testng.IInvokedMethodListener;
import org.testng.ITestContext;
import org.testng.ITestListener;
import org.testng.ITestNGMethod;
import org.testng.ITestResult;
import org.testng.SkipException;
import org.testng.internal.annotations.DisabledRetryAnalyzer;

/**
 * Puts the failure taxonomy into every run: every test gets {@link InfrastructureRetry} (unless it
 * names its own analyzer), and every failure is classified and marked before the report writes
 * it, so Allure's categories can match it. Declared on {@link RackDeviceTest} with
 * {@code @Listeners}; the runner adds it too.
 */
public final class FailureListener implements ITestListener, IInvokedMethodListener {
    @Override
    public void onStart(ITestContext context) {
        for (ITestNGMethod m : context.getAllTestMethods()) {
            Class<?> analyzer = m.getRetryAnalyzerClass();
            if (analyzer == null || analyzer == DisabledRetryAnalyzer.class) {
                m.setRetryAnalyzerClass(InfrastructureRetry.class);
            }
        }
    }

    @Override
    public void afterInvocation(IInvokedMethod method, ITestResult result) {
        Throwable t = result.getThrowable();
        if (t != null && !(t instanceof SkipException)) {
            FailureClassifier.mark(t);
        }
    }
}
