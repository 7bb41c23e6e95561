package dialtone.simulator.adb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dadb.Dadb;

/** sync v1 ({@code adb push}, {@code adb pull}, {@code adb ls}) against the daemon's in-memory file system. */
class AdbSyncTest {

    @TempDir
    Path local;

    private FakeDevice device;
    private AdbDaemon daemon;

    @BeforeEach
    void start() throws Exception {
        device = new FakeDevice();
        daemon = AdbDaemon.start("127.0.0.1", 0, device);
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    private static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    // ---------------------------------------------------------------- dadb

    @Test
    void dadbPushAndPullRoundTripKeepingModeAndMtime() throws Exception {
        byte[] content = random(5 * 1024 * 1024 + 123);
        File source = local.resolve("big.bin").toFile();
        Files.write(source.toPath(), content);
        try (Dadb dadb = DadbClients.connect(daemon.port())) {
            dadb.push(source, "/data/local/tmp/big.bin", 0100640, 1_700_000_000_000L);
            VirtualFileSystem.Stat stat = device.files.stat("/data/local/tmp/big.bin").orElseThrow();
            assertThat(stat.mode()).isEqualTo(0100640);
            assertThat(stat.size()).isEqualTo(content.length);
            assertThat(stat.mtime()).isEqualTo(1_700_000_000L);
            File back = local.resolve("back.bin").toFile();
            dadb.pull(back, "/data/local/tmp/big.bin");
            assertThat(Files.readAllBytes(back.toPath())).isEqualTo(content);
        }
    }

    @Test
    void dadbPullsTheGeneratedMacFileAndFailsOnMissingOnes() throws Exception {
        try (Dadb dadb = DadbClients.connect(daemon.port())) {
            File mac = local.resolve("address").toFile();
            dadb.pull(mac, "/sys/class/net/eth0/address");
            assertThat(Files.readString(mac.toPath())).isEqualTo("64:16:7f:00:00:01\n");
            assertThatThrownBy(() -> dadb.pull(local.resolve("x").toFile(), "/sdcard/missing.txt"))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("open failed: No such file or directory");
            File f = local.resolve("f.txt").toFile();
            Files.writeString(f.toPath(), "x");
            assertThatThrownBy(() -> dadb.push(f, "/sys/class/net/eth0/address", 0644, 0))
                    .isInstanceOf(IOException.class).hasMessageContaining("FAIL"); // dadb 1.2.10 drops the message
            assertThat(dadb.shell("echo hello").getOutput()).as("connection still fine").isEqualTo("hello\n");
        }
    }

    // ---------------------------------------------------------------- stock adb

    @Test
    void stockAdbPushLsAndPull() throws Exception {
        try (StockAdb adb = new StockAdb()) {
            String serial = "127.0.0.1:" + daemon.port();
            adb.run("connect", serial);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> adb.run("devices").stdout(), out -> out.contains(serial + "\tdevice"));

            Path small = local.resolve("notes.txt");
            Files.writeString(small, "hello phone\n");
            Files.setPosixFilePermissions(small, PosixFilePermissions.fromString("rw-r-----"));
            Files.setLastModifiedTime(small, FileTime.fromMillis(1_600_000_000_000L));
            StockAdb.Result push = adb.run("-s", serial, "push", small.toString(), "/sdcard/");
            assertThat(push.exitCode()).as(push.stderr() + push.stdout()).isZero();
            assertThat(device.files.read("/sdcard/notes.txt")).isEqualTo("hello phone\n".getBytes(StandardCharsets.UTF_8));
            VirtualFileSystem.Stat stat = device.files.stat("/sdcard/notes.txt").orElseThrow();
            assertThat(stat.mode()).isEqualTo(0100640);
            assertThat(stat.mtime()).isEqualTo(1_600_000_000L);

            StockAdb.Result ls = adb.run("-s", serial, "ls", "/sdcard");
            assertThat(ls.stdout()).contains(String.format("%08x %08x %08x notes.txt", 0100640, 12, 1_600_000_000L));

            byte[] big = random(3 * 1024 * 1024 + 7);
            Path bigFile = local.resolve("big.bin");
            Files.write(bigFile, big);
            assertThat(adb.run("-s", serial, "push", bigFile.toString(), "/sdcard/dir/big.bin").exitCode()).isZero();
            Path pulled = local.resolve("pulled");
            Files.createDirectories(pulled);
            StockAdb.Result pull = adb.run("-s", serial, "pull", "-a", "/sdcard/dir/big.bin", pulled.toString());
            assertThat(pull.exitCode()).as(pull.stderr() + pull.stdout()).isZero();
            assertThat(Files.readAllBytes(pulled.resolve("big.bin"))).isEqualTo(big);
            assertThat(adb.run("-s", serial, "pull", "-a", "/sdcard/notes.txt", pulled.toString()).exitCode()).isZero();
            assertThat(Files.getLastModifiedTime(pulled.resolve("notes.txt")).toMillis()).isEqualTo(1_600_000_000_000L);

            StockAdb.Result missing = adb.run("-s", serial, "pull", "/sdcard/missing.txt", pulled.toString());
            assertThat(missing.exitCode()).isNotZero();
            assertThat(missing.stderr() + missing.stdout()).contains("remote object '/sdcard/missing.txt' does not exist");
            StockAdb.Result denied = adb.run("-s", serial, "push", small.toString(), "/system/notes.txt");
            assertThat(denied.exitCode()).isNotZero();
            assertThat(denied.stderr() + denied.stdout()).contains("remote couldn't create file: Permission denied");
        }
    }

    // ---------------------------------------------------------------- raw protocol

    private static byte[] request(String id, byte[] data) {
        return ByteBuffer.allocate(8 + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .put(id.getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data).array();
    }

    private static byte[] request(String id, String path) {
        return request(id, path.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] header(String id, int arg) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).put(id.getBytes(StandardCharsets.US_ASCII)).putInt(arg).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    /** Sends the requests on a fresh sync: stream and returns everything the daemon wrote until it closed it. */
    private byte[] sync(byte[]... requests) throws IOException {
        try (RawAdbClient host = new RawAdbClient(daemon.port())) {
            host.connect(AdbMessage.MAX_PAYLOAD);
            int[] ids = host.open("sync:");
            host.write(ids, concat(requests));
            return host.readStream(ids); // skips the OKAY for our WRTE
        }
    }

    private static String failMessage(byte[] reply) {
        ByteBuffer b = ByteBuffer.wrap(reply).order(ByteOrder.LITTLE_ENDIAN);
        byte[] id = new byte[4];
        b.get(id);
        assertThat(new String(id, StandardCharsets.US_ASCII)).isEqualTo("FAIL");
        byte[] message = new byte[b.getInt()];
        b.get(message);
        return new String(message, StandardCharsets.UTF_8);
    }

    @Test
    void statListAndQuit() throws Exception {
        device.files.write("/sdcard/a.txt", 0644, "abc".getBytes(StandardCharsets.UTF_8), 1234);
        byte[] reply = sync(request("STAT", "/sdcard/a.txt"), request("STAT", "/nope"), request("LIST", "/sdcard"),
                request("LIST", "/nope"), header("QUIT", 0));
        ByteBuffer b = ByteBuffer.wrap(reply).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt()).isEqualTo(SyncService.STAT);
        assertThat(new int[] {b.getInt(), b.getInt(), b.getInt()}).containsExactly(0100644, 3, 1234);
        assertThat(b.getInt()).isEqualTo(SyncService.STAT);
        assertThat(new int[] {b.getInt(), b.getInt(), b.getInt()}).as("missing: zeros").containsExactly(0, 0, 0);
        StringBuilder names = new StringBuilder();
        while (true) {
            int id = b.getInt();
            int mode = b.getInt();
            int size = b.getInt();
            int mtime = b.getInt();
            int nameLength = b.getInt();
            if (id == SyncService.DONE) {
                assertThat(new int[] {mode, size, mtime, nameLength}).containsOnly(0);
                break;
            }
            assertThat(id).isEqualTo(SyncService.DENT);
            byte[] name = new byte[nameLength];
            b.get(name);
            names.append(new String(name, StandardCharsets.UTF_8)).append(' ');
        }
        assertThat(names.toString()).isEqualTo(". .. a.txt ");
        assertThat(b.getInt()).as("a missing directory lists as empty").isEqualTo(SyncService.DONE);
        b.position(b.position() + 16);
        assertThat(b.hasRemaining()).isFalse();
    }

    @Test
    void sendInSeveralChunksThenRecv() throws Exception {
        byte[] data = random(200_000);
        ByteArrayOutputStream send = new ByteArrayOutputStream();
        send.writeBytes(request("SEND", "/sdcard/x.bin,33188"));
        for (int off = 0; off < data.length; off += 65536) {
            int n = Math.min(65536, data.length - off);
            send.writeBytes(header("DATA", n));
            send.write(data, off, n);
        }
        send.writeBytes(header("DONE", 42));
        byte[] reply = sync(send.toByteArray(), request("RECV", "/sdcard/x.bin"), header("QUIT", 0));
        ByteBuffer b = ByteBuffer.wrap(reply).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt()).isEqualTo(SyncService.OKAY);
        assertThat(b.getInt()).isZero();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (true) {
            int id = b.getInt();
            int n = b.getInt();
            if (id == SyncService.DONE) {
                break;
            }
            assertThat(id).isEqualTo(SyncService.DATA);
            assertThat(n).isLessThanOrEqualTo(SyncService.MAX_DATA);
            byte[] chunk = new byte[n];
            b.get(chunk);
            got.writeBytes(chunk);
        }
        assertThat(got.toByteArray()).isEqualTo(data);
        assertThat(device.files.stat("/sdcard/x.bin").orElseThrow().mtime()).isEqualTo(42);
    }

    @Test
    void badRequestsFailAndEndTheSyncStreamOnly() throws Exception {
        assertThat(failMessage(sync(header("ABCD", 0)))).startsWith("unknown command");
        assertThat(failMessage(sync(header("STAT", 5000)))).isEqualTo("path too long");
        assertThat(failMessage(sync(request("SEND", "/sdcard/y,420"), header("DATA", 70_000)))).isEqualTo("oversize data message");
        assertThat(failMessage(sync(request("SEND", "/sdcard/y,420"), header("STAT", 0)))).isEqualTo("invalid data message");
        assertThat(failMessage(sync(request("SEND", "/sdcard,420"), header("DONE", 0)))).isEqualTo("couldn't create file: Is a directory");
        assertThat(failMessage(sync(request("RECV", "/sdcard")))).isEqualTo("open failed: Is a directory");
        assertThat(failMessage(sync(request("SEND", "/sdcard/y,abc")))).startsWith("invalid mode");
        try (RawAdbClient host = new RawAdbClient(daemon.port())) { // half a request, then the host closes
            host.connect(AdbMessage.MAX_PAYLOAD);
            int[] ids = host.open("sync:");
            host.write(ids, new byte[] {'S', 'T', 'A'});
            host.read();
            host.send(AdbMessage.of(AdbMessage.CLSE, ids[0], ids[1]));
            int[] again = host.open("sync:");
            host.write(again, header("QUIT", 0));
            // no read of the write's OKAY here: the daemon may close the stream first, and readStream skips OKAYs
            assertThat(host.readStream(again)).isEmpty();
        }
        try (Dadb dadb = DadbClients.connect(daemon.port())) {
            assertThat(dadb.shell("echo hello").getOutput()).isEqualTo("hello\n");
        }
    }

    @Test
    void aFullFileSystemRefusesThePush() throws Exception {
        VirtualFileSystem tiny = new VirtualFileSystem(1000).directory("/sdcard", true);
        device = new FakeDevice(tiny);
        daemon.close();
        daemon = AdbDaemon.start("127.0.0.1", 0, device);
        byte[] reply = sync(concat(request("SEND", "/sdcard/big,420"), header("DATA", 600), new byte[600],
                header("DATA", 600), new byte[600], header("DONE", 0)));
        assertThat(failMessage(reply)).isEqualTo("couldn't create file: No space left on device");
        assertThat(tiny.stat("/sdcard/big")).isEmpty();
    }
}
