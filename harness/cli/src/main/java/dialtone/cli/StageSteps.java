package dialtone.cli;

import io.qameta.allure.listener.StepLifecycleListener;
import io.qameta.allure.model.StepResult;
import java.util.function.Consumer;

/**
 * Tells the terminal progress which Allure step (a flow's stage) the current thread started.
 * Allure loads it with the ServiceLoader (META-INF/services), so it sees the steps of every suite;
 * a run points it at its {@link LiveProgress} for as long as the suite runs.
 */
public final class StageSteps implements StepLifecycleListener {
    private static volatile Consumer<String> sink = name -> {};

    static void sendTo(Consumer<String> stageStarted) {
        sink = stageStarted == null ? name -> {} : stageStarted;
    }

    /** Allure.step(name, body) starts its step as "step" and names it right after, in an update. */
    private static final String UNNAMED = "step";

    @Override
    public void afterStepStart(StepResult step) {
        if (!UNNAMED.equals(step.getName())) sink.accept(step.getName());
    }

    @Override
    public void afterStepUpdate(StepResult step) {
        if (!UNNAMED.equals(step.getName())) sink.accept(step.getName());
    }
}
