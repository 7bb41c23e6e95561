package dialtone.simulator.adb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dadb.AdbShellResponse;
import dadb.AdbShellStream;
import dadb.AdbStream;
import dadb.Dadb;

/** The daemon as dadb 1.2.10 sees it (always shell,v2,raw:; never waits for OKAY between WRTEs). */
class AdbDaemonDadbTest {

    private FakeDevice device;
    private AdbDaemon daemon;
    private Dadb dadb;

    @BeforeEach
    void start() throws Exception {
        device = new FakeDevice();
        daemon = AdbDaemon.start("127.0.0.1", 0, device);
        dadb = DadbClients.connect(daemon.port());
    }

    @AfterEach
    void stop() throws Exception {
        dadb.close();
        daemon.close();
    }

    @Test
    void shellReturnsTheDevicesOutputAndExitCode() throws Exception {
        AdbShellResponse r = dadb.shell("getprop ro.product.model");
        assertThat(r.getOutput()).isEqualTo(FakeDevice.MODEL + "\n");
        assertThat(r.getErrorOutput()).isEmpty();
        assertThat(r.getExitCode()).isZero();
        assertThat(device.seen).containsExactly("getprop ro.product.model");
    }

    @Test
    void seesTheBannerFeatures() {
        assertThat(dadb.supportsFeature("shell_v2")).isTrue();
        assertThat(dadb.supportsFeature("cmd")).isTrue();
        assertThat(dadb.supportsFeature("stat_v2")).isFalse();
    }

    @Test
    void stderrAndExitCodeComeBackAsSuch() throws Exception {
        AdbShellResponse r = dadb.shell("fail");
        assertThat(r.getOutput()).isEqualTo("some out\n");
        assertThat(r.getErrorOutput()).isEqualTo("something went wrong\n");
        assertThat(r.getExitCode()).isEqualTo(2);
    }

    @Test
    void unknownCommandIs127AndAThrowingHandlerIsExitOne() throws Exception {
        assertThat(dadb.shell("frobnicate").getExitCode()).isEqualTo(127);
        AdbShellResponse r = dadb.shell("boom");
        assertThat(r.getExitCode()).isEqualTo(1);
        assertThat(r.getErrorOutput()).contains("handler blew up");
        assertThat(dadb.shell("echo hello").getOutput()).as("connection still fine").isEqualTo("hello\n");
    }

    @Test
    void largeOutputArrivesIntactOverSeveralWrtes() throws Exception {
        StringBuilder big = new StringBuilder();
        for (int i = 0; big.length() <= 3 * 1024 * 1024; i++) {
            big.append("line ").append(i).append(" of a long dumpsys\n");
        }
        String expected = big.toString();
        device.answer("dumpsys", ShellResult.ok(expected));
        AdbShellResponse r = dadb.shell("dumpsys");
        assertThat(r.getExitCode()).isZero();
        assertThat(r.getOutput().length()).isEqualTo(expected.length());
        assertThat(r.getOutput()).isEqualTo(expected);
    }

    @Test
    void execAndRawStreams() throws Exception {
        try (AdbStream s = dadb.open("exec:fail")) {
            assertThat(s.getSource().readString(StandardCharsets.UTF_8)).isEqualTo("some out\n");
        }
        try (AdbStream s = dadb.open("shell:fail")) {
            assertThat(s.getSource().readString(StandardCharsets.UTF_8)).isEqualTo("some out\nsomething went wrong\n");
        }
    }

    @Test
    void interactiveShellReadsStdinAndStopsOnDadbsCloseStdin() throws Exception {
        try (AdbShellStream shell = dadb.openShell("")) {
            shell.write("echo hello\n");
            shell.write("fail\n");
            shell.write(3, new byte[0]); // what dadb sends to close stdin
            AdbShellResponse r = shell.readAll();
            assertThat(r.getOutput()).isEqualTo("hello\nsome out\n");
            assertThat(r.getErrorOutput()).isEqualTo("something went wrong\n");
            assertThat(r.getExitCode()).isEqualTo(2);
        }
    }

    @Test
    void manyConcurrentShellsOnOneConnection() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<AdbShellResponse>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String command = i % 2 == 0 ? "echo hello" : "fail";
                results.add(pool.submit(() -> dadb.shell(command)));
            }
            int ok = 0;
            int failed = 0;
            for (Future<AdbShellResponse> f : results) {
                AdbShellResponse r = f.get(30, TimeUnit.SECONDS);
                if (r.getExitCode() == 0) {
                    assertThat(r.getOutput()).isEqualTo("hello\n");
                    ok++;
                } else {
                    assertThat(r.getExitCode()).isEqualTo(2);
                    assertThat(r.getErrorOutput()).isEqualTo("something went wrong\n");
                    failed++;
                }
            }
            assertThat(ok).isEqualTo(20);
            assertThat(failed).isEqualTo(20);
            assertThat(device.seen).hasSize(40);
        } finally {
            pool.shutdownNow();
        }
    }
}
