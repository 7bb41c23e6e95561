package dialtone.simulator.adb;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dadb.AdbKeyPair;
import dadb.Dadb;

/**
 * dadb clients for tests. {@code Dadb.create(host, port)} would read (and create) {@code ~/.android/adbkey}
 * in the real home directory, so tests hand it a key pair generated in a temp directory instead; the
 * daemon does not ask for auth, so the key is never used on the wire.
 */
final class DadbClients {

    private static AdbKeyPair keyPair;

    private DadbClients() {
    }

    static synchronized AdbKeyPair keyPair() {
        if (keyPair == null) {
            try {
                Path dir = Files.createTempDirectory("dadb-key");
                File priv = dir.resolve("adbkey").toFile();
                File pub = dir.resolve("adbkey.pub").toFile();
                AdbKeyPair.generate(priv, pub);
                keyPair = AdbKeyPair.read(priv, pub);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keyPair;
    }

    static Dadb connect(int port) {
        return Dadb.create("127.0.0.1", port, keyPair());
    }
}
