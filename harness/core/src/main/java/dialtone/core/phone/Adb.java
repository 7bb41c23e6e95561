package dialtone.core.phone;

import dadb.AdbShellResponse;
import dadb.Dadb;
import dialtone.model.rack.AdbAddress;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * ADB to one phone over TCP, with dadb (no adb binary needed), authenticating with the machine's
 * adb key ({@link AdbHostKey}). A phone that reboots drops the connection; the next call connects again.
 */
public final class Adb implements AutoCloseable {
    private static final Duration RECONNECT_POLL = Duration.ofMillis(250);
    private final AdbAddress address;
    private final Duration reconnectFor;
    private Dadb dadb;
    /** While above 0 (the recovery ladder is climbing) a refusing phone is not waited for: the ladder's checks have their own budgets. */
    private final java.util.concurrent.atomic.AtomicInteger failingFast = new java.util.concurrent.atomic.AtomicInteger();

    /** Without waiting for a refusing phone: one reconnect, then the failure stands. */
    public Adb(AdbAddress address) {
        this(address, Duration.ZERO);
    }

    /**
     * {@code reconnectFor}: how long a call keeps connecting to a phone that refuses ADB connections (it is
     * rebooting: adbd is not up yet) before the failure stands; the profile's {@code adbConnect} budget.
     */
    public Adb(AdbAddress address, Duration reconnectFor) {
        this.address = address;
        this.reconnectFor = reconnectFor;
    }

    public AdbAddress address() { return address; }

    /** Output of one shell command; a non-zero exit code is an {@link AdbException}. */
    public synchronized String shell(String command) {
        AdbShellResponse r = run(command);
        if (r.getExitCode() != 0) {
            throw new AdbException(address + ": '" + command + "' exited with " + r.getExitCode() + ": " + r.getAllOutput().strip());
        }
        return r.getOutput();
    }

    /**
     * Runs a shell command. A dropped connection is made again once; a phone that refuses the connection
     * (rebooting) is connected to again until it answers, within {@code reconnectFor}: the call waits out
     * a reboot under it rather than fail the stage that made it.
     */
    public synchronized AdbShellResponse run(String command) {
        try {
            return connection().shell(command);
        } catch (IOException | RuntimeException first) {
            disconnect();
            long deadline = System.nanoTime() + reconnectFor.toNanos();
            while (true) {
                try {
                    return connection().shell(command);
                } catch (IOException | RuntimeException again) {
                    disconnect();
                    if (!refused(again) || failingFast.get() > 0 || Thread.currentThread().isInterrupted()
                            || System.nanoTime() + RECONNECT_POLL.toNanos() > deadline) {
                        throw new AdbException(address + ": ADB shell '" + command + "' failed: " + again.getMessage(), again);
                    }
                    LockSupport.parkNanos(RECONNECT_POLL.toNanos()); // a connection attempt's pace, not a wait for state
                }
            }
        }
    }

    /** Runs {@code body} with every call failing at once on a refusing phone (see {@link #run}), from any thread. */
    public <T> T failingFast(java.util.function.Supplier<T> body) {
        failingFast.incrementAndGet();
        try {
            return body.get();
        } finally {
            failingFast.decrementAndGet();
        }
    }

    /** Whether the phone refused the TCP connection (adbd not listening: the phone is booting). */
    private static boolean refused(Throwable t) {
        for (int i = 0; t != null && i < 16; t = t.getCause(), i++) {
            if (t instanceof ConnectException) return true;
        }
        return false;
    }

    /** True when the phone answers ADB right now. */
    public synchronized boolean reachable() {
        try {
            return connection().shell("echo ok").getExitCode() == 0;
        } catch (IOException | RuntimeException e) {
            disconnect();
            return false;
        }
    }

    /**
     * {@code adb reboot}: ADB's reboot service (not {@code shell reboot}, which a phone's shell user may not
     * run). The connection ends with the phone.
     */
    public synchronized void reboot() {
        try {
            connection().open("reboot:").close();
        } catch (Exception e) {
            throw new AdbException(address + ": ADB reboot failed: " + e.getMessage(), e);
        } finally {
            disconnect();
        }
    }

    /**
     * One shell command on the connection as it is, without the reconnect-and-retry of {@link #run}:
     * for collecting evidence, which must never repair anything (recovery off).
     */
    public synchronized String shellOnce(String command) {
        try {
            AdbShellResponse r = connection().shell(command);
            if (r.getExitCode() != 0) {
                throw new AdbException(address + ": '" + command + "' exited with " + r.getExitCode());
            }
            return r.getOutput();
        } catch (IOException | RuntimeException e) {
            if (e instanceof AdbException a) throw a;
            throw new AdbException(address + ": ADB shell '" + command + "' failed: " + e.getMessage(), e);
        }
    }

    public synchronized String property(String name) {
        return shell("getprop " + name).strip();
    }

    public synchronized void disconnect() {
        if (dadb != null) {
            try {
                dadb.close();
            } catch (Exception ignored) {
                // the connection is gone either way
            }
            dadb = null;
        }
    }

    private Dadb connection() {
        if (dadb == null) {
            dadb = Dadb.create(address.host(), address.port(), AdbHostKey.get());
        }
        return dadb;
    }

    @Override
    public void close() {
        disconnect();
    }
}
