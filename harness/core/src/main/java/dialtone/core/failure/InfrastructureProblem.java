package dialtone.core.failure;

/**
 * The lab failed the test: a lease lost, a power switch not answering, the lab network down.
 * ADB, Appium and network exceptions are recognized by type; throw this where there is none.
 */
public class InfrastructureProblem extends RuntimeException implements Classified {
    public InfrastructureProblem(String message) { super(message); }

    public InfrastructureProblem(String message, Throwable cause) { super(message, cause); }

    @Override
    public FailureCategory category() { return FailureCategory.INFRASTRUCTURE; }
}
