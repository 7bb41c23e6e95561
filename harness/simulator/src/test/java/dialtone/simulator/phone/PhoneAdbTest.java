package dialtone.simulator.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dadb.AdbShellPacket;
import dadb.AdbShellResponse;
import dadb.AdbShellStream;
import dadb.AdbStream;
import dadb.Dadb;
import dialtone.model.rack.AdbAddress;
import dialtone.model.rack.Rack;
import dialtone.model.rack.TimeScale;
import dialtone.model.rack.Racks;
import dialtone.simulator.adb.StockAdb;
import dialtone.simulator.rack.VirtualRack;
import io.appium.java_client.android.AndroidDriver;
import io.appium.java_client.android.options.UiAutomator2Options;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.OutputType;

/**
 * A real {@link VirtualPhone} over ADB, as dadb and the stock adb client see it: properties, files, logcat,
 * screencap, package queries and am start. The rack has no backend: phones boot to the sign-in screen.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhoneAdbTest {

    /** {@code MM-DD HH:MM:SS.mmm  PID  TID L TAG: message} */
    static final Pattern THREADTIME = Pattern.compile(
            "\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} +\\d+ +\\d+ [VDIWEF] [^:]+: .*");

    @TempDir
    Path tmp;

    private VirtualRack rack;
    private VirtualPhone phone;
    private StockAdb adb;
    private String serial;

    @BeforeAll
    void start() throws Exception {
        String nowhere;
        try (ServerSocket s = new ServerSocket(0)) {
            nowhere = "http://127.0.0.1:" + s.getLocalPort();
        }
        Rack shipped = Racks.load(Path.of("../../racks/virtual.yaml"));
        List<Rack.Device> devices = new ArrayList<>();
        for (Rack.Device d : shipped.devices()) {
            devices.add(new Rack.Device(d.id(), d.profile(), new AdbAddress("127.0.0.1", freePort()), d.mac(), d.firmware(), d.power()));
        }
        rack = VirtualRack.start(new Rack(shipped.source(), shipped.name(), shipped.backend(), shipped.appium(), devices,
                shipped.accounts()), nowhere, new TimeScale(0.01));
        await().atMost(Duration.ofSeconds(10)).until(rack::booted);
        phone = rack.phones().stream().filter(p -> p.id().equals("ccx600-1")).findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> phone.state() == PhoneState.SIGN_IN);
        adb = new StockAdb();
        serial = phone.adbAddress().host() + ":" + phone.adbAddress().port();
        adb.run("connect", serial);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> adb.run("devices").stdout(), out -> out.contains(serial + "\tdevice"));
    }

    @AfterAll
    void stop() throws Exception {
        if (adb != null) {
            adb.close();
        }
        if (rack != null) {
            rack.close();
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Dadb dadb() throws Exception {
        return Dadb.create(phone.adbAddress().host(), phone.adbAddress().port(), dadbKeys());
    }

    private StockAdb.Result shell(String command) throws Exception {
        return adb.run("-s", serial, "shell", command);
    }

    // ---------------------------------------------------------------- properties and files

    @Test
    void getpropListsTheIdentity() throws Exception {
        String all = shell("getprop").stdout();
        assertThat(all).contains("[ro.product.manufacturer]: [Poly]", "[ro.product.model]: [CCX600]",
                "[ro.build.version.release]: [12]", "[ro.build.version.incremental]: [" + phone.firmware().text() + "]",
                "[ro.serialno]: [");
        assertThat(shell("getprop ro.serialno").stdout().strip()).isNotBlank();
    }

    @Test
    void theMacAndBootIdReadTheSameByCatAndByPull() throws Exception {
        String mac = shell("cat /sys/class/net/eth0/address").stdout();
        assertThat(mac).isEqualTo(phone.mac().linuxForm() + "\n");
        assertThat(adb.run("-s", serial, "pull", "/sys/class/net/eth0/address", tmp.resolve("address").toString()).exitCode()).isZero();
        assertThat(Files.readString(tmp.resolve("address"))).isEqualTo(mac);
        try (Dadb dadb = dadb()) {
            File bootId = tmp.resolve("boot_id").toFile();
            dadb.pull(bootId, "/proc/sys/kernel/random/boot_id");
            assertThat(Files.readString(bootId.toPath())).isEqualTo(dadb.shell("cat /proc/sys/kernel/random/boot_id").getOutput());
        }
        StockAdb.Result missing = shell("cat /sdcard/nope.txt");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).isEqualTo("cat: /sdcard/nope.txt: No such file or directory\n");
    }

    @Test
    void pushedFilesShowInLsAndCat() throws Exception {
        Path f = tmp.resolve("hello.txt");
        Files.writeString(f, "hello from the lab\n");
        assertThat(adb.run("-s", serial, "push", f.toString(), "/data/local/tmp/").exitCode()).isZero();
        assertThat(shell("ls /data/local/tmp").stdout()).contains("hello.txt\n");
        assertThat(shell("cat /data/local/tmp/hello.txt").stdout()).isEqualTo("hello from the lab\n");
        StockAdb.Result ls = shell("ls /nope");
        assertThat(ls.exitCode()).isEqualTo(1);
        assertThat(ls.stderr()).contains("ls: /nope: No such file or directory");
    }

    // ---------------------------------------------------------------- logcat

    @Test
    void logcatDumpsThreadtimeLinesForEveryStateChange() throws Exception {
        phone.openSettings();
        phone.back();
        StockAdb.Result r = adb.run("-s", serial, "logcat", "-d");
        assertThat(r.exitCode()).isZero();
        List<String> lines = r.stdout().lines().toList();
        assertThat(lines).isNotEmpty().allMatch(l -> THREADTIME.matcher(l).matches(), "threadtime");
        assertThat(r.stdout()).contains(" I TeamsIpPhone: screen SIGN_IN -> SETTINGS\n")
                .contains(" I TeamsIpPhone: screen SETTINGS -> SIGN_IN\n");
        assertThat(adb.run("-s", serial, "logcat", "-d", "-t", "1").stdout().lines()).hasSize(1);
        assertThat(adb.run("-s", serial, "logcat", "-d", "*:S").stdout()).as("filtered out").isEmpty();
    }

    @Test
    void logcatStreamsNewLinesUntilTheHostClosesIt() throws Exception {
        try (Dadb dadb = dadb(); AdbShellStream logcat = dadb.openShell("logcat")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> phone.logcat.followers() == 1);
            phone.openSettings();
            StringBuilder seen = new StringBuilder();
            while (!seen.toString().contains("screen SIGN_IN -> SETTINGS")) {
                AdbShellPacket p = logcat.read();
                assertThat(p).isInstanceOf(AdbShellPacket.StdOut.class);
                seen.append(new String(p.getPayload(), StandardCharsets.UTF_8));
            }
            phone.back();
        }
        await("the follower left when the host closed the stream").atMost(Duration.ofSeconds(5))
                .until(() -> phone.logcat.followers() == 0);
    }

    @Test
    void stockAdbLogcatFollowsAndClearWorks() throws Exception {
        Path out = tmp.resolve("logcat.txt");
        Process follow = adb.start(out, "-s", serial, "logcat");
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> phone.logcat.followers() >= 1);
            phone.openSettings();
            phone.back();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Files.readString(out), s -> s.contains("screen SETTINGS -> SIGN_IN"));
        } finally {
            follow.destroy();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> phone.logcat.followers() == 0);
        assertThat(shell("logcat -c").exitCode()).isZero();
        assertThat(adb.run("-s", serial, "logcat", "-d").stdout()).isEmpty();
    }

    // ---------------------------------------------------------------- screen and apps

    @Test
    void screencapIsTheSamePictureAsAppiumsScreenshot() throws Exception {
        AndroidDriver driver = new AndroidDriver(new URL(rack.appiumUrl()), new UiAutomator2Options().setUdid(phone.udid()));
        try {
            long generation = phone.screen().generation();
            byte[] appium = driver.getScreenshotAs(OutputType.BYTES);
            byte[] execOut = adb.run("-s", serial, "exec-out", "screencap -p").stdoutBytes();
            byte[] shellV2 = adb.run("-s", serial, "shell", "screencap -p").stdoutBytes();
            byte[] viaDadb;
            try (Dadb dadb = dadb(); AdbStream exec = dadb.open("exec:screencap -p")) {
                viaDadb = exec.getSource().readByteArray();
            }
            assertThat(phone.screen().generation()).as("the screen did not change meanwhile").isEqualTo(generation);
            BufferedImage expected = ImageIO.read(new ByteArrayInputStream(appium));
            for (byte[] png : List.of(execOut, shellV2, viaDadb)) {
                assertThat(samePixels(expected, ImageIO.read(new ByteArrayInputStream(png)))).isTrue();
            }
            assertThat(shell("screencap -p /sdcard/screen.png").exitCode()).isZero();
            assertThat(adb.run("-s", serial, "pull", "/sdcard/screen.png", tmp.resolve("screen.png").toString()).exitCode()).isZero();
            assertThat(samePixels(expected, ImageIO.read(tmp.resolve("screen.png").toFile()))).isTrue();
        } finally {
            driver.quit();
        }
    }

    private static boolean samePixels(BufferedImage a, BufferedImage b) {
        if (b == null || a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return false;
        }
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void dumpsysPackageGivesTeamsVersion() throws Exception {
        String out = shell("dumpsys package com.microsoft.skype.teams.ipphone").stdout();
        assertThat(out).contains("Package [com.microsoft.skype.teams.ipphone]", "versionName=" + phone.line().teamsVersion(),
                "versionCode=" + phone.line().teamsVersion().split("/")[0] + " ");
        assertThat(shell("pm list packages").stdout()).contains("package:com.microsoft.skype.teams.ipphone\n");
    }

    @Test
    void amStartLaunchesTeamsAndRefusesUnknownActivities() throws Exception {
        String teams = "com.microsoft.skype.teams.ipphone/com.microsoft.skype.teams.Launcher";
        StockAdb.Result ok = shell("am start -n " + teams);
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.stdout()).isEqualTo("Starting: Intent { cmp=" + teams + " }\n");
        assertThat(adb.run("-s", serial, "logcat", "-d").stdout()).contains("ActivityTaskManager: START u0 {flg=0x10000000 cmp=" + teams + "}");
        StockAdb.Result bad = shell("am start -n com.example/.Main");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.stderr()).contains("Error: Activity class {com.example/.Main} does not exist.");
    }

    @Test
    void unknownCommandsAnswerAsAndroidsShell() throws Exception {
        try (Dadb dadb = dadb()) {
            AdbShellResponse r = dadb.shell("frobnicate --now; echo after");
            assertThat(r.getErrorOutput()).isEqualTo("/system/bin/sh: frobnicate: not found\n");
            assertThat(r.getOutput()).isEqualTo("after\n");
            AdbShellResponse alone = dadb.shell("frobnicate");
            assertThat(alone.getExitCode()).isEqualTo(127);
        }
    }

    @Test
    void adbRebootDropsTheConnectionAndThePhoneComesBackOnItsOwnPort() throws Exception {
        VirtualPhone trio = rack.phones().stream().filter(p -> p.id().equals("trio-c60-1")).findFirst().orElseThrow();
        String trioSerial = trio.adbAddress().host() + ":" + trio.adbAddress().port();
        adb.run("connect", trioSerial);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> adb.run("devices").stdout(), out -> out.contains(trioSerial + "\tdevice"));
        Path f = tmp.resolve("keep.txt");
        Files.writeString(f, "survives a reboot\n");
        assertThat(adb.run("-s", trioSerial, "push", f.toString(), "/sdcard/keep.txt").exitCode()).isZero();
        String bootId = adb.run("-s", trioSerial, "shell", "cat /proc/sys/kernel/random/boot_id").stdout();

        adb.run("-s", trioSerial, "reboot");
        await().atMost(Duration.ofSeconds(10)).until(() -> trio.state() == PhoneState.BOOTING);
        await().atMost(Duration.ofSeconds(10)).until(() -> trio.state() == PhoneState.SIGN_IN);
        await("adb reconnects after the boot").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    adb.run("connect", trioSerial);
                    return adb.run("-s", trioSerial, "shell", "cat /proc/sys/kernel/random/boot_id");
                }, r -> r.exitCode() == 0 && !r.stdout().isBlank() && !r.stdout().equals(bootId));
        assertThat(adb.run("-s", trioSerial, "shell", "cat /sdcard/keep.txt").stdout()).isEqualTo("survives a reboot\n");

        try (Dadb dadb = Dadb.create(trio.adbAddress().host(), trio.adbAddress().port(), dadbKeys())) {
            dadb.shell(PhoneShell.FACTORY_RESET);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> trio.state() == PhoneState.BOOTING);
        await().atMost(Duration.ofSeconds(10)).until(() -> trio.state() == PhoneState.SIGN_IN);
        assertThat(trio.files().stat("/sdcard/keep.txt")).as("a factory reset wipes /sdcard").isEmpty();
        assertThat(trio.files().stat("/sdcard")).isPresent();
    }

    private dadb.AdbKeyPair dadbKeys() throws Exception {
        Path dir = Files.createTempDirectory(tmp, "key");
        File priv = dir.resolve("adbkey").toFile();
        File pub = dir.resolve("adbkey.pub").toFile();
        dadb.AdbKeyPair.generate(priv, pub);
        return dadb.AdbKeyPair.read(priv, pub);
    }
}
