package dialtone.simulator.adb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Long-running commands ({@link ShellSession}) on v1, v2 and exec streams, stopped by the host's CLSE. */
class AdbShellSessionTest {

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final AtomicInteger running = new AtomicInteger();
    private AdbDaemon daemon;

    @BeforeEach
    void start() throws Exception {
        FakeDevice device = new FakeDevice();
        device.answer("follow", () -> ShellResult.streaming(out -> {
            running.incrementAndGet();
            try {
                while (true) {
                    out.stdout(lines.take().getBytes(StandardCharsets.UTF_8)); // take() is interrupted on CLSE
                }
            } finally {
                running.decrementAndGet();
            }
        }));
        device.answer("count", () -> ShellResult.streaming(out -> {
            for (int i = 1; i <= 3; i++) {
                out.stdout((i + "\n").getBytes(StandardCharsets.UTF_8));
            }
            out.stderr("done\n".getBytes(StandardCharsets.UTF_8));
            return 5;
        }));
        daemon = AdbDaemon.start("127.0.0.1", 0, device);
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    @Test
    void aSessionThatEndsGivesItsExitCodeOverV2() throws Exception {
        try (RawAdbClient host = new RawAdbClient(daemon.port())) {
            host.connect(AdbMessage.MAX_PAYLOAD);
            byte[] stream = host.readStream(host.open("shell,v2,raw:count"));
            ShellV2Parser out = ShellV2Parser.parse(stream);
            assertThat(out.stdout()).isEqualTo("1\n2\n3\n");
            assertThat(out.stderr()).isEqualTo("done\n");
            assertThat(out.exitCode()).isEqualTo(5);
        }
    }

    @Test
    void theHostClosingTheStreamStopsTheSession() throws Exception {
        for (String service : new String[] {"shell:follow", "shell,v2,raw:follow", "exec:follow"}) {
            try (RawAdbClient host = new RawAdbClient(daemon.port())) {
                host.connect(AdbMessage.MAX_PAYLOAD);
                int[] ids = host.open(service);
                await().atMost(Duration.ofSeconds(5)).until(() -> running.get() == 1);
                lines.add("first\n");
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                while (!got.toString(StandardCharsets.UTF_8).contains("first")) {
                    AdbMessage m = host.read();
                    if (m.command() == AdbMessage.WRTE) {
                        got.writeBytes(m.payload());
                        host.send(AdbMessage.of(AdbMessage.OKAY, ids[0], ids[1]));
                    }
                }
                host.send(AdbMessage.of(AdbMessage.CLSE, ids[0], ids[1]));
                await(service + " stopped").atMost(Duration.ofSeconds(5)).until(() -> running.get() == 0);
                assertThat(RawAdbClient.text(host.readStream(host.open("shell:echo hello")))).isEqualTo("hello\n");
            }
        }
    }
}
