package dialtone.simulator.rack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dadb.AdbKeyPair;
import dadb.Dadb;
import dialtone.model.rack.AdbAddress;
import dialtone.model.rack.Rack;
import dialtone.model.rack.Racks;
import dialtone.model.rack.TimeScale;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rack's phones ask hosts for RSA AUTH: any key by default, only the listed ones with {@code adbKeys}. */
class RackAdbAuthTest {
    private static final int CNXN = 0x4e584e43;
    private static final int AUTH = 0x48545541;

    @TempDir
    Path dir;
    private VirtualRack rack;

    @AfterEach
    void stop() {
        if (rack != null) rack.close();
    }

    @Test
    void byDefaultAHostMustCompleteTheHandshakeAndAnyKeyIsAccepted() throws Exception {
        rack = start(Optional.empty());
        AdbAddress adb = rack.phones().get(0).adbAddress();
        assertThat(firstReplyToCnxn(adb)).as("CNXN is answered with AUTH(TOKEN), not CNXN").isEqualTo(new int[] {AUTH, 1});
        try (Dadb dadb = Dadb.create(adb.host(), adb.port(), key("any"))) {
            assertThat(dadb.shell("getprop ro.product.model").getOutput().strip()).isEqualTo("CCX500");
        }
    }

    @Test
    void anAdbKeysFileLetsInOnlyTheListedHosts() throws Exception {
        AdbKeyPair lab = key("lab");
        Path adbKeys = dir.resolve("adb_keys");
        Files.writeString(adbKeys, "# the lab PC\n\n" + Files.readString(dir.resolve("lab.pub")) + "\n");
        rack = start(Optional.of(adbKeys));
        AdbAddress adb = rack.phones().get(0).adbAddress();
        try (Dadb dadb = Dadb.create(adb.host(), adb.port(), lab)) {
            assertThat(dadb.shell("echo listed").getOutput()).isEqualTo("listed\n");
        }
        assertThatThrownBy(() -> {
            try (Dadb stranger = Dadb.create(adb.host(), adb.port(), key("stranger"), 2_000, 1_500)) {
                stranger.shell("echo in");
            }
        }).as("an unlisted host stays unauthorized").isInstanceOf(Exception.class);
    }

    @Test
    void aBadAdbKeysFileStopsTheRackBeforeAnyPhoneStarts() throws Exception {
        Path bad = dir.resolve("adb_keys");
        Files.writeString(bad, "# keys\nQUFBQQ== someone@lab\n");
        assertThatThrownBy(() -> start(Optional.of(bad)))
                .hasMessage(bad + " line 2: adb public key has 4 bytes, not 524 (expected a line of ~/.android/adbkey.pub)");
        Path empty = dir.resolve("empty_keys");
        Files.writeString(empty, "# nobody\n");
        assertThatThrownBy(() -> start(Optional.of(empty)))
                .hasMessage("adb_keys file " + empty + " lists no key: no host could ever connect");
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> start(Optional.of(missing))).hasMessageStartingWith("cannot read adb_keys file " + missing);
    }

    private VirtualRack start(Optional<Path> adbKeys) throws IOException {
        Rack shipped = Racks.load(Path.of("../../racks/virtual.yaml"));
        Rack.Device d = shipped.devices().get(0);
        List<Rack.Device> devices = new ArrayList<>();
        try (ServerSocket s = new ServerSocket(0)) {
            devices.add(new Rack.Device(d.id(), d.profile(), new AdbAddress("127.0.0.1", s.getLocalPort()), d.mac(), d.firmware(), d.power(), adbKeys));
        }
        String nowhere;
        try (ServerSocket s = new ServerSocket(0)) {
            nowhere = "http://127.0.0.1:" + s.getLocalPort();
        }
        VirtualRack started = VirtualRack.start(new Rack(shipped.source(), "auth", shipped.backend(), shipped.appium(), devices, shipped.accounts()),
                nowhere, new TimeScale(0.01));
        await().atMost(Duration.ofSeconds(10)).until(started::booted);
        return started;
    }

    /** A key pair written as {@code <name>} / {@code <name>.pub} (the .pub line is in adb_keys format). */
    private AdbKeyPair key(String name) {
        File priv = dir.resolve(name).toFile();
        File pub = dir.resolve(name + ".pub").toFile();
        AdbKeyPair.generate(priv, pub);
        return AdbKeyPair.read(priv, pub);
    }

    /** Sends a bare CNXN and returns the command and arg0 of the daemon's first reply. */
    private static int[] firstReplyToCnxn(AdbAddress adb) throws IOException {
        byte[] payload = "host::\0".getBytes(StandardCharsets.UTF_8);
        int checksum = 0;
        for (byte b : payload) checksum += b & 0xff;
        ByteBuffer m = ByteBuffer.allocate(24 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        m.putInt(CNXN).putInt(0x01000001).putInt(256 * 1024).putInt(payload.length).putInt(checksum).putInt(~CNXN).put(payload);
        try (Socket s = new Socket(adb.host(), adb.port())) {
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            out.write(m.array());
            out.flush();
            byte[] header = new byte[24];
            new DataInputStream(s.getInputStream()).readFully(header);
            ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            return new int[] {h.getInt(), h.getInt()};
        }
    }
}
