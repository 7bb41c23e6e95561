package dialtone.simulator.adb;

import java.io.IOException;

/** The peer broke the transport protocol; the connection it came from must be dropped. */
final class AdbProtocolException extends IOException {
    AdbProtocolException(String message) {
        super(message);
    }
}
