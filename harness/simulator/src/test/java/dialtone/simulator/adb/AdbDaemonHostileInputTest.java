package dialtone.simulator.adb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dadb.Dadb;

/** Hostile or broken hosts lose their own connection; everybody else carries on. */
class AdbDaemonHostileInputTest {

    private FakeDevice device;
    private AdbDaemon daemon;
    private Dadb wellBehaved;
    private ListAppender<ILoggingEvent> logs;

    @BeforeEach
    void start() throws Exception {
        device = new FakeDevice();
        daemon = AdbDaemon.start("127.0.0.1", 0, device);
        wellBehaved = DadbClients.connect(daemon.port());
        assertThat(wellBehaved.shell("echo hello").getOutput()).isEqualTo("hello\n");
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(AdbConnection.class)).addAppender(logs);
    }

    @AfterEach
    void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger(AdbConnection.class)).detachAppender(logs);
        wellBehaved.close();
        daemon.close();
    }

    private static byte[] cnxn(int maxData) {
        return AdbMessageCodec.encode(AdbMessage.of(AdbMessage.CNXN, AdbMessage.VERSION, maxData, "host::\0"));
    }

    private static byte[] header(int command, int arg0, int arg1, int length, int magic) {
        return ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(command).putInt(arg0).putInt(arg1).putInt(length).putInt(0).putInt(magic).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    /** Sends the bytes (optionally half-closing), asserts the daemon hung up, and that others still work. */
    private void assertDropped(byte[] bytes, boolean halfClose, String expectedReason) throws Exception {
        try (RawAdbClient hostile = new RawAdbClient(daemon.port())) {
            hostile.sendRaw(bytes);
            if (halfClose) {
                hostile.socket.shutdownOutput();
            }
            assertThat(hostile.closedByDevice()).as("daemon closed the hostile connection").isTrue();
        }
        if (expectedReason != null) {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(logs.list)
                    .anySatisfy(e -> {
                        assertThat(e.getLevel()).isIn(Level.WARN, Level.DEBUG);
                        assertThat(e.getFormattedMessage()).contains(expectedReason);
                    }));
        }
        assertStillServing();
    }

    private void assertStillServing() throws Exception {
        assertThat(wellBehaved.shell("getprop ro.product.model").getOutput()).isEqualTo(FakeDevice.MODEL + "\n");
        try (RawAdbClient fresh = new RawAdbClient(daemon.port())) {
            fresh.connect(4096);
            assertThat(RawAdbClient.text(fresh.readStream(fresh.open("shell:echo hello")))).isEqualTo("hello\n");
        }
    }

    @Test
    void garbage() throws Exception {
        byte[] junk = new byte[200];
        new Random(42).nextBytes(junk);
        assertDropped(junk, false, "bad magic");
    }

    @Test
    void badMagicFirst() throws Exception {
        assertDropped(header(AdbMessage.CNXN, AdbMessage.VERSION, 4096, 0, 0x12345678), false, "bad magic");
    }

    @Test
    void badMagicAfterTheHandshake() throws Exception {
        assertDropped(concat(cnxn(4096), header(AdbMessage.OKAY, 1, 1, 0, ~AdbMessage.CLSE)), false, "bad magic");
    }

    @Test
    void halfAHeaderThenEof() throws Exception {
        assertDropped(Arrays.copyOf(cnxn(4096), 13), true, "truncated header: got 13 of 24");
    }

    @Test
    void truncatedPayloadThenEof() throws Exception {
        assertDropped(concat(cnxn(4096), header(AdbMessage.WRTE, 1, 1, 100, ~AdbMessage.WRTE), new byte[10]), true,
                "truncated payload");
    }

    @Test
    void hugeLength() throws Exception {
        assertDropped(concat(cnxn(4096), header(AdbMessage.WRTE, 1, 1, 0x7fffffff, ~AdbMessage.WRTE)), false,
                "data_length 2147483647");
    }

    @Test
    void lengthAboveTheNegotiatedMaxdata() throws Exception {
        assertDropped(concat(cnxn(4096), header(AdbMessage.WRTE, 1, 1, 4097, ~AdbMessage.WRTE)), false,
                "exceeds limit 4096");
    }

    @Test
    void oversizeCnxnPayload() throws Exception {
        assertDropped(header(AdbMessage.CNXN, AdbMessage.VERSION, 4096, 5000, ~AdbMessage.CNXN), false,
                "exceeds limit 4096");
    }

    @Test
    void unknownCommandWithGoodMagic() throws Exception {
        assertDropped(concat(cnxn(4096), header(0x41414141, 0, 0, 0, ~0x41414141)), false, "unknown command 0x41414141");
    }

    @Test
    void openBeforeCnxn() throws Exception {
        assertDropped(AdbMessageCodec.encode(AdbMessage.of(AdbMessage.OPEN, 1, 0, "shell:echo hello\0")), false,
                "OPEN before the connection was established");
    }

    @Test
    void stlsIsNotSpoken() throws Exception {
        assertDropped(concat(cnxn(4096), AdbMessageCodec.encode(AdbMessage.of(AdbMessage.STLS, 0x01000000, 0))), false,
                "unsupported command STLS");
    }

    @Test
    void aTinyMaxdataIsRefused() throws Exception {
        assertDropped(cnxn(0), false, "too small");
    }

    @Test
    void seededFuzzOfValidTranscriptsNeverTakesTheDaemonDown() throws Exception {
        Random random = new Random(0xAD6D);
        byte[] transcript = concat(
                cnxn(4096),
                AdbMessageCodec.encode(AdbMessage.of(AdbMessage.OPEN, 1, 0, "shell,v2,raw:echo hello\0")),
                AdbMessageCodec.encode(AdbMessage.of(AdbMessage.OPEN, 2, 0, "shell,v2,raw:\0")),
                AdbMessageCodec.encode(new AdbMessage(AdbMessage.WRTE, 2, 1,
                        ShellV2.packet(ShellV2.STDIN, "fail\n".getBytes(), 0, 5))),
                AdbMessageCodec.encode(AdbMessage.of(AdbMessage.OKAY, 2, 1)),
                AdbMessageCodec.encode(AdbMessage.of(AdbMessage.OPEN, 3, 0, "exec:getprop ro.product.model\0")),
                AdbMessageCodec.encode(AdbMessage.of(AdbMessage.OPEN, 4, 0, "shell:\0")),
                AdbMessageCodec.encode(AdbMessage.of(AdbMessage.WRTE, 4, 3, "echo hello\r")),
                AdbMessageCodec.encode(AdbMessage.of(AdbMessage.CLSE, 2, 1)));
        fuzz(daemon.port(), transcript, random, 500);
        assertStillServing();
        await("every fuzz connection cleaned up").atMost(Duration.ofSeconds(10))
                .until(daemon::connectionCount, n -> n == 1);
    }

    @Test
    void seededFuzzOfSyncAndAuthTranscripts() throws Exception {
        Random random = new Random(0x5AC);
        byte[] sync = concat(
                cnxn(4096),
                AdbMessageCodec.encode(AdbMessage.of(AdbMessage.OPEN, 1, 0, "sync:\0")),
                AdbMessageCodec.encode(new AdbMessage(AdbMessage.WRTE, 1, 1, concat(
                        syncPacket("SEND", "/sdcard/f,420".getBytes()), syncPacket("DATA", "hello".getBytes()),
                        syncHeader("DONE", 7), syncPacket("STAT", "/sdcard/f".getBytes()),
                        syncPacket("LIST", "/sdcard".getBytes()), syncPacket("RECV", "/sdcard/f".getBytes()),
                        syncHeader("QUIT", 0)))));
        fuzz(daemon.port(), sync, random, 300);
        assertStillServing();

        try (AdbDaemon secure = AdbDaemon.start("127.0.0.1", 0, device, AdbAuth.anyKey())) {
            byte[] key = (DadbClients.publicKeyLine() + "\0").getBytes();
            byte[] auth = concat(
                    cnxn(4096),
                    AdbMessageCodec.encode(new AdbMessage(AdbMessage.AUTH, 2, 0, new byte[256])),
                    AdbMessageCodec.encode(new AdbMessage(AdbMessage.AUTH, 3, 0, key)),
                    AdbMessageCodec.encode(AdbMessage.of(AdbMessage.OPEN, 1, 0, "shell:echo hello\0")));
            fuzz(secure.port(), auth, random, 300);
            try (dadb.Dadb dadb = DadbClients.connect(secure.port())) {
                assertThat(dadb.shell("echo hello").getOutput()).isEqualTo("hello\n");
            }
        }
    }

    private static byte[] syncHeader(String id, int arg) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).put(id.getBytes()).putInt(arg).array();
    }

    private static byte[] syncPacket(String id, byte[] data) {
        return concat(syncHeader(id, data.length), data);
    }

    /** Sends {@code rounds} mutations of a valid transcript, each on its own connection, then EOF. */
    private static void fuzz(int port, byte[] transcript, Random random, int rounds) throws Exception {
        int[] interesting = {0, -1, 0x7fffffff, 4096, 4097, 1024 * 1024 + 1, 1};
        for (int round = 0; round < rounds; round++) {
            byte[] bytes = transcript.clone();
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                switch (random.nextInt(5)) {
                    case 0 -> bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                    case 1 -> bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                    case 2 -> bytes = Arrays.copyOf(bytes, 1 + random.nextInt(bytes.length));
                    case 3 -> { // an interesting value in some aligned header-ish field
                        int at = random.nextInt(Math.max(1, bytes.length / 4)) * 4;
                        if (at + 4 <= bytes.length) {
                            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)
                                    .putInt(at, interesting[random.nextInt(interesting.length)]);
                        }
                    }
                    default -> { // splice in random bytes
                        int at = random.nextInt(bytes.length);
                        byte[] junk = new byte[1 + random.nextInt(30)];
                        random.nextBytes(junk);
                        bytes = concat(Arrays.copyOf(bytes, at), junk, Arrays.copyOfRange(bytes, at, bytes.length));
                    }
                }
            }
            try (RawAdbClient fuzz = new RawAdbClient(port)) {
                try {
                    fuzz.sendRaw(bytes);
                    fuzz.socket.shutdownOutput();
                } catch (IOException e) {
                    // the daemon may already have hung up on us: that is fine
                }
                assertThat(fuzz.closedByDevice()).as("round %d: daemon hung up after EOF", round).isTrue();
            }
        }
    }
}
