package dialtone.core.portal;

/**
 * The Device Login portal did not let the sign-in through. {@code pageError} is the text the
 * page showed (e.g. "That code didn't work. Check the code and try again."), or null when the
 * expected page never came. Never contains the password.
 */
public final class PortalException extends RuntimeException {
    /** The page the walk was on. */
    public enum Step { CODE, PICK_ACCOUNT, USERNAME, PASSWORD, DONE }

    private final Step step;
    private final String pageError;

    public PortalException(Step step, String pageError, String message, Throwable cause) {
        super(message, cause);
        this.step = step;
        this.pageError = pageError;
    }

    public Step step() {
        return step;
    }

    public String pageError() {
        return pageError;
    }
}
