package dialtone.simulator.adb;

import java.io.IOException;

/** The stream was closed (by the host, or because its connection went away) while a service used it. */
final class StreamClosedException extends IOException {
    StreamClosedException(String message) {
        super(message);
    }
}
