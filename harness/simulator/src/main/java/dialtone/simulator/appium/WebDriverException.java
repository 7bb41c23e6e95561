package dialtone.simulator.appium;

/** A command failed with a W3C error; the server turns it into the error reply. */
public class WebDriverException extends RuntimeException {

    private final W3CError error;

    public WebDriverException(W3CError error, String message) {
        super(message);
        this.error = error;
    }

    public WebDriverException(W3CError error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    public W3CError error() {
        return error;
    }
}
