package dialtone.simulator.rack;

import dialtone.simulator.adb.AdbAuth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * A rack device's {@code adbKeys}: an {@code adb_keys} file (one {@code <base64 key> user@host} per
 * line, as {@code ~/.android/adbkey.pub}; blank and {@code #} lines skipped) that becomes the phone's
 * allow-list. Read strictly: every error names the file and the line, and a file without a key is
 * refused (nobody could ever connect).
 */
final class AdbKeysFile {
    private AdbKeysFile() {}

    static AdbAuth read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read adb_keys file " + file + ": " + e.getMessage(), e);
        }
        List<RSAPublicKey> keys = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            try {
                keys.add(AdbAuth.parsePublicKey(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage()
                        + " (expected a line of ~/.android/adbkey.pub)", e);
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("adb_keys file " + file + " lists no key: no host could ever connect");
        }
        return AdbAuth.allowList(keys);
    }
}
