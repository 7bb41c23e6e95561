package dialtone.simulator.adb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code adb shell} without a command: reads lines from the host's stdin and runs each through
 * {@link AdbDevice#shell}, printing the output. On a pty it echoes input, handles backspace, Ctrl-C and
 * Ctrl-D, and shows a prompt; raw mode (piped stdin) prints only command output, like a non-interactive sh.
 * Ends on {@code exit [n]}, end of stdin (close-stdin), or a command whose result has an after-close action
 * (e.g. {@code reboot}).
 */
final class InteractiveShell {

    private static final Pattern EXIT = Pattern.compile("exit(?:\\s+(-?\\d+))?");

    private final AdbStream stream;
    private final AdbDevice device;
    private final boolean v2;
    private final boolean pty;
    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final ByteArrayOutputStream echo = new ByteArrayOutputStream();
    private int lastExit;
    private boolean done;
    private Runnable afterClose;
    private boolean lastWasCr;

    InteractiveShell(AdbStream stream, AdbDevice device, boolean v2, boolean pty) {
        this.stream = stream;
        this.device = device;
        this.v2 = v2;
        this.pty = pty;
        this.in = stream.input();
    }

    Runnable run() throws IOException {
        prompt();
        byte[] chunk;
        while (!done && (chunk = nextInput()) != null) {
            for (int i = 0; i < chunk.length && !done; i++) {
                accept(chunk[i]);
            }
            flushEcho();
        }
        if (!done && line.size() > 0) { // stdin ended without a newline: run what is there, as sh does
            execute();
        }
        if (stream.isClosed()) {
            return afterClose;
        }
        if (v2) {
            ShellV2.sendExit(stream, lastExit);
        }
        return afterClose;
    }

    private void accept(byte b) throws IOException {
        if (pty) {
            switch (b) {
                case 0x04 -> { // Ctrl-D on an empty line: end of input
                    if (line.size() == 0) {
                        done = true;
                    }
                    return;
                }
                case 0x03 -> { // Ctrl-C
                    echo.writeBytes(utf8("^C\r\n"));
                    line.reset();
                    flushEcho();
                    prompt();
                    return;
                }
                case 0x7f, 0x08 -> {
                    if (line.size() > 0) {
                        byte[] kept = line.toByteArray();
                        line.reset();
                        line.write(kept, 0, kept.length - 1);
                        echo.writeBytes(utf8("\b \b"));
                    }
                    return;
                }
                default -> {
                }
            }
        }
        boolean crlf = b == '\n' && lastWasCr;
        lastWasCr = b == '\r';
        if ((b == '\r' && !pty) || crlf) {
            return;
        }
        if (b == '\r' || b == '\n') {
            if (pty) {
                echo.writeBytes(utf8("\r\n"));
                flushEcho();
            }
            execute();
            if (!done) {
                prompt();
            }
            return;
        }
        line.write(b);
        if (pty) {
            echo.write(b);
        }
    }

    private void execute() throws IOException {
        String command = line.toString(StandardCharsets.UTF_8).trim();
        line.reset();
        if (command.isEmpty()) {
            return;
        }
        Matcher exit = EXIT.matcher(command);
        if (exit.matches()) {
            if (exit.group(1) != null) {
                lastExit = (int) Long.parseLong(exit.group(1));
            }
            done = true;
            return;
        }
        ShellResult r = Services.invoke(device, command);
        ShellSession.Output out = Services.output(stream, v2, pty, false);
        out.stdout(r.stdout());
        out.stderr(r.stderr());
        // a long-running command (logcat) holds the shell until it ends or the host closes the stream
        lastExit = r.session() == null ? r.exitCode() : stream.runSession(r.session(), out);
        if (r.afterClose() != null) {
            afterClose = r.afterClose();
            done = true;
        }
    }

    private void prompt() throws IOException {
        if (pty) {
            String where = device.bannerProperties() == null ? null : device.bannerProperties().get("ro.product.device");
            send(ShellV2.STDOUT, utf8((where == null ? "android" : where) + ":/ $ "));
        }
    }

    private void flushEcho() throws IOException {
        if (echo.size() > 0) {
            byte[] e = echo.toByteArray();
            echo.reset();
            send(ShellV2.STDOUT, e);
        }
    }

    private void send(int id, byte[] data) throws IOException {
        if (data.length == 0) {
            return;
        }
        byte[] out = Services.output(data, pty);
        if (v2) {
            ShellV2.send(stream, id, out);
        } else {
            stream.write(out);
        }
    }

    /** Next piece of host stdin, or null at its end (v2 close-stdin — or 3, which dadb sends for it — or stream end). */
    private byte[] nextInput() throws IOException {
        if (!v2) {
            byte[] buf = new byte[4096];
            int n = in.read(buf);
            return n < 0 ? null : java.util.Arrays.copyOf(buf, n);
        }
        while (true) {
            ShellV2.Packet p = ShellV2.read(in);
            if (p == null) {
                return null;
            }
            switch (p.id()) {
                case ShellV2.STDIN:
                    return p.payload();
                case ShellV2.CLOSE_STDIN:
                case ShellV2.EXIT:
                    return null;
                default:
                    break; // window size change and anything else: nothing to do
            }
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
