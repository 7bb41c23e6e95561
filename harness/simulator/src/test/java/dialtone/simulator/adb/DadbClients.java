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
    private static String publicKeyLine;

    private DadbClients() {
    }

    static synchronized AdbKeyPair keyPair() {
        if (keyPair == null) {
            try {
                Path dir = Files.createTempDirectory("dadb-key");
                try {
                    keyPair = generate(dir);
                    publicKeyLine = Files.readString(dir.resolve("adbkey.pub"));
                } finally {
                    deleteKeyFiles(dir);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keyPair;
    }

    /** The key pair's public half as adb writes it: one {@code adb_keys} line. */
    static synchronized String publicKeyLine() {
        keyPair();
        return publicKeyLine;
    }

    /** A fresh key pair (generated in a temp directory that is gone when this returns). */
    static AdbKeyPair newKeyPair() throws IOException {
        Path dir = Files.createTempDirectory("dadb-key");
        try {
            return generate(dir);
        } finally {
            deleteKeyFiles(dir);
        }
    }

    /** dadb generates and reads keys as files only: {@code adbkey} and {@code adbkey.pub} in {@code dir}. */
    private static AdbKeyPair generate(Path dir) throws IOException {
        File priv = dir.resolve("adbkey").toFile();
        File pub = dir.resolve("adbkey.pub").toFile();
        AdbKeyPair.generate(priv, pub);
        return AdbKeyPair.read(priv, pub);
    }

    private static void deleteKeyFiles(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve("adbkey"));
        Files.deleteIfExists(dir.resolve("adbkey.pub"));
        Files.delete(dir);
    }

    static Dadb connect(int port) {
        return Dadb.create("127.0.0.1", port, keyPair());
    }
}
