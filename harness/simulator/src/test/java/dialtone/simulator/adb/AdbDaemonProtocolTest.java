package dialtone.simulator.adb;

import static dialtone.simulator.adb.RawAdbClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The daemon seen through a hand-written host: banner, streams, flow control, services. */
class AdbDaemonProtocolTest {

    private FakeDevice device;
    private AdbDaemon daemon;
    private RawAdbClient host;

    @BeforeEach
    void start() throws IOException {
        device = new FakeDevice();
        daemon = AdbDaemon.start("127.0.0.1", 0, device);
        host = new RawAdbClient(daemon.port());
    }

    @AfterEach
    void stop() throws IOException {
        host.close();
        daemon.close();
    }

    @Test
    void answersCnxnWithTheBannerAndNegotiatedMaxdata() throws IOException {
        AdbMessage reply = host.connect(256 * 1024);
        assertThat(reply.arg0()).isEqualTo(0x01000001);
        assertThat(reply.arg1()).isEqualTo(256 * 1024);
        assertThat(text(reply.payload())).isEqualTo(
                "device::ro.product.name=ccx600;ro.product.model=CCX 600;ro.product.device=ccx600;features=shell_v2,cmd");
    }

    @Test
    void capsMaxdataAtOneMebibyte() throws IOException {
        assertThat(host.connect(8 * 1024 * 1024).arg1()).isEqualTo(1024 * 1024);
    }

    @Test
    void refusesAnUnknownServiceWithClseAndKeepsTheConnection() throws IOException {
        host.connect(4096);
        assertThat(host.open("framebuffer:")[1]).isZero();
        assertThat(host.open("tcp:8080")[1]).isZero();
        int[] ids = host.open("shell:echo hello");
        assertThat(text(host.readStream(ids))).isEqualTo("hello\n");
    }

    @Test
    void shellV1MergesStdoutAndStderrAndHasNoExitCode() throws IOException {
        host.connect(4096);
        assertThat(text(host.readStream(host.open("shell:fail")))).isEqualTo("some out\nsomething went wrong\n");
    }

    @Test
    void shellV2SendsSeparateStreamsAndTheExitCode() throws IOException {
        host.connect(4096);
        ShellV2Parser r = ShellV2Parser.parse(host.readStream(host.open("shell,v2,raw:fail")));
        assertThat(r).isEqualTo(new ShellV2Parser("some out\n", "something went wrong\n", 2));
    }

    @Test
    void acceptsTheOtherShellOptionSpellings() throws IOException {
        host.connect(4096);
        ShellV2Parser term = ShellV2Parser.parse(host.readStream(host.open("shell,v2,TERM=xterm-256color,raw:fail")));
        assertThat(term.exitCode()).isEqualTo(2);
        assertThat(term.stderr()).isEqualTo("something went wrong\n");
        ShellV2Parser pty = ShellV2Parser.parse(host.readStream(host.open("shell,v2,pty:fail")));
        assertThat(pty).as("a pty has one output, with CRLF")
                .isEqualTo(new ShellV2Parser("some out\r\nsomething went wrong\r\n", "", 2));
        assertThat(text(host.readStream(host.open("shell,raw:echo hello")))).isEqualTo("hello\n");
    }

    @Test
    void execSendsRawStdoutOnly() throws IOException {
        host.connect(4096);
        assertThat(text(host.readStream(host.open("exec:fail")))).isEqualTo("some out\n");
    }

    @Test
    void aThrowingHandlerGivesStderrAndExitCodeOneAndTheConnectionLivesOn() throws IOException {
        host.connect(4096);
        ShellV2Parser r = ShellV2Parser.parse(host.readStream(host.open("shell,v2,raw:boom")));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("handler blew up");
        assertThat(text(host.readStream(host.open("shell:echo hello")))).isEqualTo("hello\n");
    }

    @Test
    void waitsForOkayBeforeTheNextWrteAndChunksByMaxdata() throws IOException {
        device.answer("big", ShellResult.ok("x".repeat(10_000)));
        host.connect(4096);
        int[] ids = host.open("exec:big");
        AdbMessage first = host.read();
        assertThat(first.command()).isEqualTo(AdbMessage.WRTE);
        assertThat(first.payload()).hasSize(4096);
        assertThat(host.readWithin(300)).as("nothing more until we OKAY").isNull();
        host.send(AdbMessage.of(AdbMessage.OKAY, ids[0], ids[1]));
        AdbMessage second = host.read();
        assertThat(second.command()).isEqualTo(AdbMessage.WRTE);
        assertThat(second.payload()).hasSize(4096);
        host.send(AdbMessage.of(AdbMessage.OKAY, ids[0], ids[1]));
        assertThat(host.readStream(ids)).hasSize(10_000 - 2 * 4096);
    }

    @Test
    void interactiveV2ShellBuffersStdinAcrossWrtesAndTakesThreeAsCloseStdin() throws IOException {
        host.connect(4096);
        int[] ids = host.open("shell,v2,raw:");
        byte[] stdin = ShellV2.packet(ShellV2.STDIN, "echo hello\ngetprop ro.product.model\n".getBytes(StandardCharsets.UTF_8), 0, 36);
        // split the packet mid-header and mid-payload, with a zero-length WRTE in between
        host.write(ids, java.util.Arrays.copyOfRange(stdin, 0, 3));
        AdbMessage okay = host.read();
        assertThat(okay.command()).as("every WRTE is OKAYed").isEqualTo(AdbMessage.OKAY);
        assertThat(new int[] {okay.arg0(), okay.arg1()}).containsExactly(ids[1], ids[0]);
        host.write(ids, new byte[0]);
        assertThat(host.read().command()).isEqualTo(AdbMessage.OKAY);
        host.write(ids, java.util.Arrays.copyOfRange(stdin, 3, 20));
        assertThat(host.read().command()).isEqualTo(AdbMessage.OKAY);
        host.write(ids, java.util.Arrays.copyOfRange(stdin, 20, stdin.length));
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        // dadb closes stdin with id 3 rather than 4
        boolean sentClose = false;
        while (true) {
            AdbMessage m = host.read();
            if (m.command() == AdbMessage.WRTE) {
                all.writeBytes(m.payload());
                host.send(AdbMessage.of(AdbMessage.OKAY, ids[0], ids[1]));
                if (!sentClose && text(all.toByteArray()).contains(FakeDevice.MODEL)) {
                    host.write(ids, ShellV2.packet(ShellV2.EXIT, new byte[0], 0, 0));
                    sentClose = true;
                }
            } else if (m.command() == AdbMessage.CLSE) {
                break;
            }
        }
        ShellV2Parser r = ShellV2Parser.parse(all.toByteArray());
        assertThat(r.stdout()).isEqualTo("hello\n" + FakeDevice.MODEL + "\n");
        assertThat(r.exitCode()).isZero();
        assertThat(device.seen).containsExactly("echo hello", "getprop ro.product.model");
    }

    @Test
    void interactiveV1PtyShellEchoesPromptsAndExits() throws IOException {
        host.connect(4096);
        int[] ids = host.open("shell:");
        host.write(ids, "echo hello\rexit 5\r".getBytes(StandardCharsets.UTF_8));
        String out = text(host.readStream(ids));
        assertThat(out).isEqualTo("ccx600:/ $ echo hello\r\nhello\r\nccx600:/ $ exit 5\r\n");
        assertThat(device.seen).containsExactly("echo hello");
    }

    @Test
    void interactiveExitCodeComesBackInV2() throws IOException {
        host.connect(4096);
        int[] ids = host.open("shell,v2,raw:");
        host.write(ids, ShellV2.packet(ShellV2.STDIN, "fail\nexit\n".getBytes(StandardCharsets.UTF_8), 0, 10));
        ShellV2Parser r = ShellV2Parser.parse(host.readStream(ids));
        assertThat(r).isEqualTo(new ShellV2Parser("some out\n", "something went wrong\n", 2));
    }

    @Test
    void hostCloseStopsTheStreamButNotTheConnection() throws IOException {
        host.connect(4096);
        int[] ids = host.open("shell,v2,raw:");
        host.send(AdbMessage.of(AdbMessage.CLSE, ids[0], ids[1]));
        // late traffic for the dead stream is ignored
        host.write(ids, new byte[] {1, 2, 3});
        host.send(AdbMessage.of(AdbMessage.OKAY, ids[0], ids[1]));
        assertThat(text(host.readStream(host.open("shell:echo hello")))).isEqualTo("hello\n");
    }

    @Test
    void serveStreamsConcurrentlyOnOneConnection() throws Exception {
        java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(2);
        device.answer("meet", () -> {
            try {
                barrier.await(10, java.util.concurrent.TimeUnit.SECONDS); // both streams must be running at once
            } catch (Exception e) {
                throw new IllegalStateException("streams were not served concurrently", e);
            }
            return ShellResult.ok("met\n");
        });
        host.connect(4096);
        int[] a = host.open("shell:meet");
        int[] b = host.open("shell:meet");
        java.util.Map<Integer, StringBuilder> out = new java.util.HashMap<>();
        int closed = 0;
        while (closed < 2) {
            AdbMessage m = host.read();
            int[] ids = m.arg1() == a[0] ? a : b;
            if (m.command() == AdbMessage.WRTE) {
                out.computeIfAbsent(ids[0], k -> new StringBuilder()).append(text(m.payload()));
                host.send(AdbMessage.of(AdbMessage.OKAY, ids[0], ids[1]));
            } else if (m.command() == AdbMessage.CLSE) {
                closed++;
            }
        }
        assertThat(out.get(a[0])).hasToString("met\n");
        assertThat(out.get(b[0])).hasToString("met\n");
    }
}
