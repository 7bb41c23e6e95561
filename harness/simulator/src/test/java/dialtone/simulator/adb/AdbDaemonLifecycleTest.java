package dialtone.simulator.adb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dadb.AdbStream;
import dadb.Dadb;

/** close(), restart on the same port, and the reboot: service. */
class AdbDaemonLifecycleTest {

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : cleanup) {
            c.close();
        }
    }

    private AdbDaemon start(int port, AdbDevice device) throws IOException {
        AdbDaemon d = AdbDaemon.start("127.0.0.1", port, device);
        cleanup.add(d);
        return d;
    }

    private Dadb dadb(int port) {
        Dadb d = DadbClients.connect(port);
        cleanup.add(d);
        return d;
    }

    @Test
    void afterCloseConnectIsRefusedAndStartingAgainOnTheSamePortWorksAtOnce() throws Exception {
        FakeDevice device = new FakeDevice();
        AdbDaemon first = start(0, device);
        int port = first.port();
        assertThat(dadb(port).shell("echo hello").getOutput()).isEqualTo("hello\n");
        RawAdbClient connected = new RawAdbClient(port);
        cleanup.add(connected);
        connected.connect(4096);

        first.close();
        first.close(); // idempotent

        assertThat(connected.closedByDevice()).as("existing connections are dropped").isTrue();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);

        AdbDaemon second = start(port, device);
        assertThat(second.port()).isEqualTo(port);
        assertThat(dadb(port).shell("getprop ro.product.model").getOutput()).isEqualTo(FakeDevice.MODEL + "\n");
    }

    @Test
    void rebootThroughDadbReachesTheDeviceWhichRestartsTheDaemonOnTheSamePort() throws Exception {
        FakeDevice device = new FakeDevice();
        AtomicReference<AdbDaemon> current = new AtomicReference<>();
        AtomicReference<AdbDaemon> rebooted = new AtomicReference<>();
        device.answer("reboot", () -> ShellResult.ok("").then(() -> {
            AdbDaemon old = current.get();
            old.close();
            try {
                rebooted.set(start(old.port(), device));
            } catch (IOException e) {
                throw new IllegalStateException("could not restart on the same port", e);
            }
        }));
        AdbDaemon daemon = start(0, device);
        current.set(daemon);
        int port = daemon.port();

        try (AdbStream reboot = dadb(port).open("reboot:")) {
            assertThat(reboot.getSource().readString(StandardCharsets.UTF_8)).isEmpty(); // ends when the stream closes
        }
        await("the phone came back").atMost(Duration.ofSeconds(10)).until(() -> rebooted.get() != null);
        assertThat(device.seen).contains("reboot");
        assertThat(rebooted.get().port()).isEqualTo(port);
        assertThat(dadb(port).shell("getprop ro.product.model").getOutput()).isEqualTo(FakeDevice.MODEL + "\n");
    }

    @Test
    void rebootArgumentIsPassedAsACommandLine() throws Exception {
        FakeDevice device = new FakeDevice();
        device.answer("reboot bootloader", ShellResult.ok("rebooting into bootloader\n"));
        AdbDaemon daemon = start(0, device);
        try (RawAdbClient host = new RawAdbClient(daemon.port())) {
            host.connect(4096);
            assertThat(RawAdbClient.text(host.readStream(host.open("reboot:bootloader"))))
                    .isEqualTo("rebooting into bootloader\n");
        }
        assertThat(device.seen).containsExactly("reboot bootloader");
    }

    @Test
    void theAfterCloseActionRunsOnlyOnceTheReplyIsOutAndTheStreamClosed() throws Exception {
        FakeDevice device = new FakeDevice();
        AtomicReference<AdbDaemon> daemon = new AtomicReference<>();
        device.answer("reboot", () -> ShellResult.ok("going down\n").then(() -> daemon.get().close()));
        daemon.set(start(0, device));
        try (RawAdbClient host = new RawAdbClient(daemon.get().port())) {
            host.connect(4096);
            int[] ids = host.open("reboot:");
            AdbMessage wrte = host.read();
            assertThat(wrte.command()).isEqualTo(AdbMessage.WRTE);
            assertThat(RawAdbClient.text(wrte.payload())).isEqualTo("going down\n");
            assertThat(daemon.get().connectionCount()).as("still up until we OKAY the reply").isEqualTo(1);
            host.send(AdbMessage.of(AdbMessage.OKAY, ids[0], ids[1]));
            AdbMessage clse = host.read();
            assertThat(clse.command()).isEqualTo(AdbMessage.CLSE);
            assertThat(clse.arg1()).isEqualTo(ids[0]);
            assertThat(host.closedByDevice()).as("then the phone goes away").isTrue();
        }
        int port = daemon.get().port();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class));
    }

    @Test
    void aSecondDaemonCannotTakeAPortInUse() throws Exception {
        AdbDaemon first = start(0, new FakeDevice());
        assertThatThrownBy(() -> start(first.port(), new FakeDevice())).isInstanceOf(IOException.class);
    }

    @Test
    void threadsAreNamedAfterThePort() throws Exception {
        AdbDaemon daemon = start(0, new FakeDevice());
        assertThat(dadb(daemon.port()).shell("echo hello").getExitCode()).isZero();
        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(t -> t.getName().startsWith("adbd-" + daemon.port() + "-"))
                .isNotEmpty()
                .allSatisfy(t -> {
                    assertThat(t.isDaemon()).isTrue();
                    assertThat(t.getName()).matches("adbd-" + daemon.port() + "-\\d+");
                });
    }
}
