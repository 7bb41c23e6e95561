package dialtone.core.phone;

import dadb.AdbShellResponse;
import dadb.Dadb;
import dialtone.model.rack.AdbAddress;
import java.io.IOException;

/**
 * ADB to one phone over TCP, with dadb (no adb binary needed), authenticating with the machine's
 * adb key ({@link AdbHostKey}). A phone that reboots drops the connection; the next call connects again.
 */
public final class Adb implements AutoCloseable {
    private final AdbAddress address;
    private Dadb dadb;

    public Adb(AdbAddress address) {
        this.address = address;
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

    public synchronized AdbShellResponse run(String command) {
        try {
            return connection().shell(command);
        } catch (IOException | RuntimeException first) {
            disconnect();
            try {
                return connection().shell(command);
            } catch (IOException | RuntimeException second) {
                disconnect();
                throw new AdbException(address + ": ADB shell '" + command + "' failed: " + second.getMessage(), second);
            }
        }
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
