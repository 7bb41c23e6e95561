package dialtone.simulator.adb;

import java.nio.charset.StandardCharsets;

/**
 * Result of one shell command: stdout/stderr bytes, exit code, and an optional action to run after
 * the stream's reply has been fully sent and the stream closed (e.g. the phone reboots: it closes
 * the daemon). The action runs on its own daemon thread, so it may close the {@link AdbDaemon} and
 * start a new one. A long-running command instead has a {@link #session()}: the daemon sends stdout and
 * stderr first, then runs the session, whose return value is the exit code.
 */
public record ShellResult(byte[] stdout, byte[] stderr, int exitCode, Runnable afterClose, ShellSession session) {

    private static final byte[] EMPTY = new byte[0];

    public ShellResult {
        stdout = stdout == null ? EMPTY : stdout;
        stderr = stderr == null ? EMPTY : stderr;
    }

    public ShellResult(byte[] stdout, byte[] stderr, int exitCode, Runnable afterClose) {
        this(stdout, stderr, exitCode, afterClose, null);
    }

    /** Exit code 0, binary stdout (e.g. a PNG), no stderr. */
    public static ShellResult ok(byte[] stdout) {
        return new ShellResult(stdout, EMPTY, 0, null);
    }

    /** A command that keeps running and writing until it ends or the host closes the stream. */
    public static ShellResult streaming(ShellSession session) {
        return new ShellResult(EMPTY, EMPTY, 0, null, session);
    }

    /** Exit code 0, the given stdout, no stderr. */
    public static ShellResult ok(String stdout) {
        return of(stdout, "", 0);
    }

    public static ShellResult of(String stdout, String stderr, int exitCode) {
        return new ShellResult(bytes(stdout), bytes(stderr), exitCode, null);
    }

    /** The same result, with {@code afterClose} run after the stream has closed (after any action already set). */
    public ShellResult then(Runnable afterClose) {
        Runnable previous = this.afterClose;
        Runnable combined = previous == null || afterClose == null
                ? (afterClose == null ? previous : afterClose)
                : () -> { previous.run(); afterClose.run(); };
        return new ShellResult(stdout, stderr, exitCode, combined, session);
    }

    private static byte[] bytes(String s) {
        return s == null ? EMPTY : s.getBytes(StandardCharsets.UTF_8);
    }
}
