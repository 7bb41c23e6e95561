package dialtone.simulator.ui;

/** A locator that cannot be evaluated (unknown strategy, malformed XPath, XPath not selecting elements). */
public class InvalidSelectorException extends RuntimeException {

    public InvalidSelectorException(String message) {
        super(message);
    }

    public InvalidSelectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
