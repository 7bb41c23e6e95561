package dialtone.core.phone;

/** ADB to a phone failed: an infrastructure problem, not a product defect. */
public class AdbException extends RuntimeException {
    public AdbException(String message) { super(message); }

    public AdbException(String message, Throwable cause) { super(message, cause); }
}
