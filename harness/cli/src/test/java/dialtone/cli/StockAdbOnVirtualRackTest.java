package dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dialtone.model.rack.Rack;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With the virtual rack up (what `./dialtone sim` starts), Debian's stock adb talks to every phone. */
class StockAdbOnVirtualRackTest {
    private static final Path ADB = Path.of("/usr/bin/adb");

    @TempDir
    Path adbHome;
    private LabLauncher launcher;
    private String serverPort;

    @BeforeEach
    void start() throws IOException {
        if (!Files.isExecutable(ADB)) {
            // as for the simulator's stock-client tests: skipped on a machine without adb, failed in CI
            String why = "Debian's stock adb client is not installed (" + ADB + "; apt-get install -y adb)";
            String ci = System.getenv("CI");
            assertThat(ci == null || ci.isBlank() || ci.equalsIgnoreCase("false")).as(why + "; CI is set, so this test must run").isTrue();
            Assumptions.abort(why + ": skipped (with CI=true it fails instead)");
        }
        try (ServerSocket s = new ServerSocket(0)) {
            serverPort = Integer.toString(s.getLocalPort());
        }
        Workspace ws = Workspace.current();
        Path rack = FreePortRack.write(ws.defaultRack(), adbHome.resolve("rack.yaml"));
        launcher = LabLauncher.start(new LabLauncher.Options(ws.home(), rack, Set.of(), null, "htmlunit", Map.of()));
        launcher.awaitVirtualPhonesBooted(Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() throws Exception {
        if (serverPort != null) adb("kill-server");
        if (launcher != null) launcher.close();
    }

    @Test
    void adbConnectThenGetpropPrintsEachModel() throws Exception {
        Map<String, String> models = Map.of("poly-ccx500", "CCX500", "poly-ccx600", "CCX600", "poly-trio-c60", "TrioC60");
        for (Rack.Device d : launcher.lab().devices()) {
            String serial = d.adb().serial();
            // The phones ask for RSA AUTH. A key they have not seen yet fails the signature step, so adb
            // says "failed to authenticate" and sends its public key, which the phone accepts ("Always
            // allow" tapped): the device turns from unauthorized to device, as with a real phone.
            assertThat(adb("connect", serial)).containsAnyOf("connected to " + serial, "failed to authenticate to " + serial);
            await("adb to see " + serial + " authorized").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> adb("devices"), out -> out.contains(serial + "\tdevice"));
            assertThat(adb("-s", serial, "shell", "getprop", "ro.product.model").strip()).isEqualTo(models.get(d.profile()));
        }
        String devices = adb("devices");
        for (Rack.Device d : launcher.lab().devices()) {
            assertThat(devices).contains(d.adb().serial() + "\tdevice");
        }
        // the key is remembered now: a new connection is let in by its signature at once
        String first = launcher.lab().devices().get(0).adb().serial();
        adb("disconnect", first);
        assertThat(adb("connect", first)).contains("connected to " + first);
    }

    private String adb(String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(concat(ADB.toString(), args)).redirectErrorStream(true);
        pb.environment().put("HOME", adbHome.toString());
        pb.environment().put("ANDROID_ADB_SERVER_PORT", serverPort);
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("adb " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static List<String> concat(String first, String... rest) {
        List<String> all = new java.util.ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all;
    }
}
