package dialtone.simulator.adb;

import java.io.IOException;

/**
 * A command that runs for a while and writes its output as it goes, such as {@code logcat} without
 * {@code -d}. It ends when it returns (with its exit code), or when the host closes the stream: then the
 * thread running it is interrupted and further writes throw.
 */
@FunctionalInterface
public interface ShellSession {

    int run(Output out) throws IOException, InterruptedException;

    /** Where a running command writes; each call goes out to the host at once. */
    interface Output {
        void stdout(byte[] bytes) throws IOException;

        void stderr(byte[] bytes) throws IOException;
    }
}
