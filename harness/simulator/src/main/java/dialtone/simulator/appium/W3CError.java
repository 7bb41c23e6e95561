package dialtone.simulator.appium;

/** W3C WebDriver error codes with their HTTP status (WebDriver spec, "Errors" table). */
public enum W3CError {
    ELEMENT_NOT_INTERACTABLE(400, "element not interactable"),
    INVALID_ARGUMENT(400, "invalid argument"),
    INVALID_ELEMENT_STATE(400, "invalid element state"),
    INVALID_SELECTOR(400, "invalid selector"),
    INVALID_SESSION_ID(404, "invalid session id"),
    NO_SUCH_ELEMENT(404, "no such element"),
    STALE_ELEMENT_REFERENCE(404, "stale element reference"),
    UNKNOWN_COMMAND(404, "unknown command"),
    UNKNOWN_METHOD(405, "unknown method"),
    MOVE_TARGET_OUT_OF_BOUNDS(500, "move target out of bounds"),
    SESSION_NOT_CREATED(500, "session not created"),
    TIMEOUT(500, "timeout"),
    UNKNOWN_ERROR(500, "unknown error"),
    UNSUPPORTED_OPERATION(500, "unsupported operation");

    private final int httpStatus;
    private final String code;

    W3CError(int httpStatus, String code) {
        this.httpStatus = httpStatus;
        this.code = code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The {@code error} string of the reply. */
    public String code() {
        return code;
    }

    public WebDriverException exception(String message) {
        return new WebDriverException(this, message);
    }
}
