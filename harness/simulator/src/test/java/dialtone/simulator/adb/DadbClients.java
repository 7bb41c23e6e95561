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
 * in the real home directory, so tests hand it a key pair generated in a temp directory instead (used on the
 * wire only when the daemon asks for AUTH).
 */
final class DadbClients {

    private static AdbKeyPair keyPair;
    private static Path publicKeyFile;

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
                publicKeyFile = pub.toPath();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keyPair;
    }

    /** The key pair's public half as adb writes it: one {@code adb_keys} line. */
    static String publicKeyLine() {
        keyPair();
        try {
            return Files.readString(publicKeyFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh key pair, in its own temp directory. */
    static AdbKeyPair newKeyPair() throws IOException {
        Path dir = Files.createTempDirectory("dadb-key");
        File priv = dir.resolve("adbkey").toFile();
        File pub = dir.resolve("adbkey.pub").toFile();
        AdbKeyPair.generate(priv, pub);
        return AdbKeyPair.read(priv, pub);
    }

    static Dadb connect(int port) {
        return Dadb.create("127.0.0.1", port, keyPair());
    }
}
