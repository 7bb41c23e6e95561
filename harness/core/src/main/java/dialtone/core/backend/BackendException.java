package dialtone.core.backend;

/**
 * The backend refused a call or could not be reached. Carries the HTTP status (0 when there was
 * no answer), the backend's error code and its message; never the admin token.
 */
public final class BackendException extends RuntimeException {
    private final int status;
    private final String error;

    public BackendException(String call, int status, String error, String message, Throwable cause) {
        super(call + " -> " + (status == 0 ? "no answer" : status + " " + error) + ": " + message, cause);
        this.status = status;
        this.error = error;
    }

    /** HTTP status, or 0 if the backend did not answer. */
    public int status() {
        return status;
    }

    /** The backend's machine-readable code, e.g. {@code device_unreachable}; {@code unreachable} for no answer. */
    public String error() {
        return error;
    }

    public boolean isUnreachable() {
        return status == 0;
    }
}
