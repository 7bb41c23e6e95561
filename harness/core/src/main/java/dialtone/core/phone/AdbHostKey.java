package dialtone.core.phone;

import dadb.AdbKeyPair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The harness's ADB identity: the RSA key pair in {@code ~/.android/adbkey} (+ {@code .pub}), the one
 * stock {@code adb} uses, so a phone (or a virtual phone's {@code adbKeys} file) that trusts this
 * machine's adb trusts the harness too. Generated once if missing, never replaced: a new key would be
 * "unauthorized" on every phone that accepted the old one. Loaded once per JVM.
 */
public final class AdbHostKey {
    private static AdbKeyPair pair;

    private AdbHostKey() {}

    public static synchronized AdbKeyPair get() {
        if (pair == null) {
            pair = load(Path.of(System.getProperty("user.home"), ".android"));
        }
        return pair;
    }

    /**
     * Reads {@code dir/adbkey}, generating it first if missing. Generation goes through temporary files
     * and a move that never replaces, so two processes starting at once end up with the same key.
     */
    static AdbKeyPair load(Path dir) {
        Path priv = dir.resolve("adbkey");
        Path pub = dir.resolve("adbkey.pub");
        try {
            if (!Files.exists(priv)) {
                Files.createDirectories(dir);
                Path tmpPriv = Files.createTempFile(dir, "adbkey", ".tmp");
                Path tmpPub = Files.createTempFile(dir, "adbkey", ".pub.tmp");
                try {
                    AdbKeyPair.generate(tmpPriv.toFile(), tmpPub.toFile());
                    Files.move(tmpPriv, priv); // fails if another process got there first: keep theirs
                    Files.move(tmpPub, pub, StandardCopyOption.REPLACE_EXISTING);
                } catch (FileAlreadyExistsException raced) {
                    // another process generated the key meanwhile
                } finally {
                    Files.deleteIfExists(tmpPriv);
                    Files.deleteIfExists(tmpPub);
                }
            }
            return AdbKeyPair.read(priv.toFile(), pub.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the ADB key " + priv, e);
        }
    }
}
