package dialtone.simulator.adb;

import java.io.IOException;

/** A service running on one opened stream. The caller closes the stream afterwards. */
@FunctionalInterface
interface Service {
    /** Serves the stream; returns an action to run once the stream is closed, or null. */
    Runnable run(AdbStream stream, AdbDevice device) throws IOException;
}
