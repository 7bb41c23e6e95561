package dialtone.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A copy of the virtual rack whose phones listen on free loopback ports, so tests never collide
 * with a `dialtone sim` a developer has running on the fixed ports of racks/virtual.yaml.
 */
final class FreePortRack {
    private static final Pattern ADB = Pattern.compile("adb: 127\\.0\\.0\\.1:\\d+");

    private FreePortRack() {}

    static Path write(Path from, Path to) {
        try {
            Matcher m = ADB.matcher(Files.readString(from));
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, "adb: 127.0.0.1:" + freePort());
            }
            m.appendTail(out);
            Files.createDirectories(to.getParent());
            Files.writeString(to, out);
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A loopback port free at the time of asking. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
