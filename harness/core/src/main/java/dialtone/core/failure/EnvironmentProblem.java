package dialtone.core.failure;

/**
 * The tenant's settings or an account's policy stand in the way, not the product: an MFA account
 * where a Common Area Phone account is needed, Intune enrolment blocked so sign-in loops, a
 * tenant without the licence. Fix the lab's configuration, then run again.
 */
public class EnvironmentProblem extends RuntimeException implements Classified {
    public EnvironmentProblem(String message) { super(message); }

    public EnvironmentProblem(String message, Throwable cause) { super(message, cause); }

    @Override
    public FailureCategory category() { return FailureCategory.ENVIRONMENT; }
}
