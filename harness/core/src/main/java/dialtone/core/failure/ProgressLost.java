package dialtone.core.failure;

/**
 * Lab trouble that undid what a stage was waiting for (the phone rebooted during a sign-in, or a stage
 * could not resume after a fault): infrastructure, but running the same stage again cannot converge. The
 * stage it happens in passes it on at once; an enclosing unit that starts over (a whole sign-in, a whole
 * provisioning) may absorb it ({@code StageRecovery}).
 */
public final class ProgressLost extends InfrastructureProblem {
    private volatile boolean leftItsStage;

    public ProgressLost(String message) { super(message); }

    public ProgressLost(String message, Throwable cause) { super(message, cause); }

    /** Marks it as thrown past the stage it happened in; true if that had already happened. */
    public boolean leaveStage() {
        boolean left = leftItsStage;
        leftItsStage = true;
        return left;
    }
}
