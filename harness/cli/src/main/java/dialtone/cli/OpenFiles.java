package dialtone.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The process's open-file limit, which a large virtual rack needs (about four sockets per phone). */
final class OpenFiles {
    /** Listener, the harness's ADB connection, the command long-poll on both ends, plus slack. */
    static final int PER_PHONE = 6;

    private OpenFiles() {}

    /** The soft "Max open files" of this process, from /proc/self/limits (empty where there is none). */
    static Optional<Long> softLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? Optional.of(Long.MAX_VALUE) : Optional.of(Long.parseLong(soft));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or an unexpected format: nothing to say
        }
        return Optional.empty();
    }

    static void warnIfTooFewFor(int phones, PrintStream err) {
        long needed = 200L + (long) phones * PER_PHONE;
        softLimit().filter(limit -> limit < needed).ifPresent(limit -> err.println("dialtone: warning: the open-file limit is "
                + limit + "; " + phones + " virtual phones need about " + needed + " (raise it with `ulimit -n " + needed + "`)"));
    }
}
