package dialtone.simulator.adb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The daemon as Debian's stock adb 29 sees it, through a private adb server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdbDaemonStockAdbTest {

    private FakeDevice device;
    private AdbDaemon daemon;
    private StockAdb adb;
    private String serial;

    @BeforeAll
    void connect() throws Exception {
        adb = new StockAdb();
        device = new FakeDevice();
        daemon = AdbDaemon.start("127.0.0.1", 0, device);
        serial = "127.0.0.1:" + daemon.port();
        StockAdb.Result connect = adb.run("connect", serial);
        assertThat(connect.stdout()).contains("connected to " + serial);
        await("adb devices lists " + serial + " as device").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> adb.run("devices").stdout(), out -> out.contains(serial + "\tdevice"));
    }

    @AfterAll
    void disconnect() throws Exception {
        if (adb != null) {
            adb.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void devicesListsTheVirtualPhone() throws Exception {
        assertThat(adb.run("devices").stdout()).contains(serial + "\tdevice");
        assertThat(adb.run("devices", "-l").stdout())
                .containsPattern(java.util.regex.Pattern.quote(serial) + "\\s+device .*product:ccx600 model:CCX_600 device:ccx600");
    }

    @Test
    void shellPrintsTheModel() throws Exception {
        StockAdb.Result r = adb.run("-s", serial, "shell", "getprop ro.product.model");
        assertThat(r.stdout()).isEqualTo(FakeDevice.MODEL + "\n");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void shellExitCodeAndStderrPropagate() throws Exception {
        assertThat(adb.run("-s", serial, "shell", "exit 3").exitCode()).isEqualTo(3);
        StockAdb.Result r = adb.run("-s", serial, "shell", "fail");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stdout()).isEqualTo("some out\n");
        assertThat(r.stderr()).contains("something went wrong\n");
    }

    @Test
    void execOutGivesRawStdout() throws Exception {
        StockAdb.Result r = adb.run("-s", serial, "exec-out", "fail");
        assertThat(r.stdout()).isEqualTo("some out\n");
    }

    @Test
    void shellWithoutCommandRunsPipedLines() throws Exception {
        StockAdb.Result r = adb.runWithStdin("echo hello\ngetprop ro.product.model\nexit 4\n", "-s", serial, "shell");
        assertThat(r.stdout()).isEqualTo("hello\n" + FakeDevice.MODEL + "\n");
        assertThat(r.exitCode()).isEqualTo(4);
    }

    @Test
    void rebootReachesTheDevice() throws Exception {
        device.answer("reboot bootloader", ShellResult.ok(""));
        adb.run("-s", serial, "reboot", "bootloader");
        await().atMost(Duration.ofSeconds(10)).until(() -> device.seen.contains("reboot bootloader"));
        adb.run("-s", serial, "reboot");
        await().atMost(Duration.ofSeconds(10)).until(() -> device.seen.contains("reboot"));
    }
}
