package dialtone.cli;

import dialtone.suites.RackDeviceTest;
import java.util.List;
import java.util.Set;
import org.testng.IMethodInstance;
import org.testng.IMethodInterceptor;
import org.testng.ITestContext;

/** A rerun's filter: of the tests TestNG is about to run, only those of the plan without a finished result. */
final class UnfinishedOnly implements IMethodInterceptor {
    private final Set<String> unfinished;

    /** {@code unfinished}: {@link RunPlan.PlannedTest#key()}s. */
    UnfinishedOnly(Set<String> unfinished) {
        this.unfinished = Set.copyOf(unfinished);
    }

    @Override
    public List<IMethodInstance> intercept(List<IMethodInstance> methods, ITestContext context) {
        return methods.stream().filter(m -> unfinished.contains(RunPlan.PlannedTest.key(m.getMethod().getRealClass().getName(),
                m.getMethod().getMethodName(), m.getInstance() instanceof RackDeviceTest t ? t.deviceId() : RunPlan.NO_DEVICE))).toList();
    }
}
