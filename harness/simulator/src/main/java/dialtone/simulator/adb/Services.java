package dialtone.simulator.adb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services this adbd offers: {@code shell:}, {@code shell,<options>:} (v2 when {@code v2} is among the
 * options), {@code exec:}, {@code reboot:[arg]} and {@code sync:}. Everything else is refused with CLSE.
 */
final class Services {

    private static final Logger log = LoggerFactory.getLogger(Services.class);

    private Services() {
    }

    /** The handler for a service name, or null if unknown. */
    static Service resolve(String service) {
        if (service.equals("shell") || service.startsWith("shell:") || service.startsWith("shell,")) {
            int colon = service.indexOf(':');
            String options = colon < 0 ? service.substring(5) : service.substring(5, colon);
            String command = colon < 0 ? "" : service.substring(colon + 1);
            Set<String> opts = new HashSet<>(Arrays.asList(options.split(",")));
            boolean v2 = opts.contains("v2");
            boolean pty = opts.contains("pty") || (!opts.contains("raw") && command.isEmpty());
            if (command.isEmpty()) {
                return (stream, device) -> new InteractiveShell(stream, device, v2, pty).run();
            }
            return (stream, device) -> shell(stream, device, command, v2, pty);
        }
        if (service.startsWith("exec:")) {
            String command = service.substring(5);
            return (stream, device) -> {
                ShellResult r = invoke(device, command);
                stream.write(r.stdout());
                if (r.session() != null) {
                    stream.runSession(r.session(), output(stream, false, false, true));
                }
                return r.afterClose();
            };
        }
        if (service.equals("sync:")) {
            return (stream, device) -> {
                new SyncService(stream, device.files()).run();
                return null;
            };
        }
        if (service.startsWith("reboot:")) {
            String arg = service.substring(7).trim();
            String command = arg.isEmpty() ? "reboot" : "reboot " + arg;
            return (stream, device) -> {
                ShellResult r = invoke(device, command);
                stream.write(concat(r.stdout(), r.stderr()));
                return r.afterClose();
            };
        }
        return null;
    }

    /** One command, one reply: v1 merges stdout and stderr and has no exit code; v2 sends packets and the exit code. */
    static Runnable shell(AdbStream stream, AdbDevice device, String command, boolean v2, boolean pty) throws IOException {
        ShellResult r = invoke(device, command);
        ShellSession.Output out = output(stream, v2, pty, false);
        out.stdout(r.stdout());
        out.stderr(r.stderr());
        int exitCode = r.session() == null ? r.exitCode() : stream.runSession(r.session(), out);
        if (v2) {
            ShellV2.sendExit(stream, exitCode);
        }
        return r.afterClose();
    }

    /**
     * Where command output goes on a stream: v1 merges stdout and stderr; v2 sends packets (on a pty, stderr
     * shows up on the one terminal too); exec sends stdout only.
     */
    static ShellSession.Output output(AdbStream stream, boolean v2, boolean pty, boolean stdoutOnly) {
        return new ShellSession.Output() {
            @Override
            public void stdout(byte[] bytes) throws IOException {
                send(ShellV2.STDOUT, bytes);
            }

            @Override
            public void stderr(byte[] bytes) throws IOException {
                if (!stdoutOnly) {
                    send(pty ? ShellV2.STDOUT : ShellV2.STDERR, bytes);
                }
            }

            private void send(int id, byte[] bytes) throws IOException {
                if (bytes.length == 0) {
                    return;
                }
                byte[] data = output(bytes, pty);
                if (v2) {
                    ShellV2.send(stream, id, data);
                } else {
                    stream.write(data);
                }
            }
        };
    }

    /** Calls the device; an exception becomes stderr text and exit code 1. */
    static ShellResult invoke(AdbDevice device, String command) {
        try {
            ShellResult r = device.shell(command);
            if (r == null) {
                throw new IllegalStateException("device returned no result");
            }
            return r;
        } catch (RuntimeException e) {
            log.warn("device failed on '{}'", command, e);
            return ShellResult.of("", "adbd: " + command + ": " + e + "\n", 1);
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        if (b.length == 0) {
            return a;
        }
        if (a.length == 0) {
            return b;
        }
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** On a pty the terminal turns LF into CRLF (onlcr). */
    static byte[] output(byte[] data, boolean pty) {
        if (!pty) {
            return data;
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream(data.length + 16);
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n' && (i == 0 || data[i - 1] != '\r')) {
                b.write('\r');
            }
            b.write(data[i]);
        }
        return b.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
