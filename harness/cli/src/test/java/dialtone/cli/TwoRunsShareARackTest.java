package dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code dialtone run}s (two JVMs) against one rack a sim serves ({@code sim --serve-rack}):
 * they lease its phones, so no phone ever runs tests of both at once, and both runs finish with
 * every test passed (the second waits for a phone, or runs on the one it got).
 */
class TwoRunsShareARackTest {
    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void twoRunsNeverUseOnePhoneAtOnce() throws Exception {
        Path rackFile = dir.resolve("rack.yaml");
        Files.writeString(rackFile, """
                name: shared
                stateDir: state
                backend: {url: embedded, tenant: contoso}
                appium: embedded
                devices:
                  - {id: ccx500-a, profile: poly-ccx500, adb: 127.0.0.1:%d, mac: 64:16:7F:50:0A:02, firmware: 7.2.1.1707}
                  - {id: ccx500-b, profile: poly-ccx500, adb: 127.0.0.1:%d, mac: 64:16:7F:50:0B:02, firmware: 9.0.0.10315}
                """.formatted(FreePortRack.freePort(), FreePortRack.freePort()));
        Path suite = RackProbe.suiteIn(dir);
        Workspace ws = Workspace.current();
        try (LabLauncher sim = LabLauncher.start(new LabLauncher.Options(ws.home(), rackFile, Set.of(), null, "htmlunit", Map.of()))) {
            sim.awaitVirtualPhonesBooted(Duration.ofMinutes(1));
            Path served = ServedRack.write(sim.lab(), sim.adminToken(), dir.resolve("sim-state"), dir.resolve("served.yaml"));
            assertThat(Files.readString(served)).doesNotContain(sim.adminToken());

            Process one = run("run-1", served, suite);
            Process two = run("run-2", served, suite);
            for (Process p : List.of(one, two)) {
                assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("run finished").isTrue();
            }
            for (String run : List.of("run-1", "run-2")) {
                String out = Files.readString(dir.resolve(run + ".out"));
                assertThat(out).as(out).contains("2 passed, 0 failed, 0 skipped");
            }
            assertThat(one.exitValue()).isZero();
            assertThat(two.exitValue()).isZero();
        }
        List<long[]> a = used("run-1"), b = used("run-2");
        assertThat(a).hasSize(2);
        assertThat(b).hasSize(2);
        for (long[] x : a) {
            for (long[] y : b) {
                if (x[0] == y[0]) {
                    assertThat(x[2] <= y[1] || y[2] <= x[1]).as("phone %s used by both runs at once: %d..%d and %d..%d",
                            x[0] == 0 ? "ccx500-a" : "ccx500-b", x[1], x[2], y[1], y[2]).isTrue();
                }
            }
        }
        try (var leases = Files.list(dir.resolve("state/leases"))) {
            assertThat(leases.filter(f -> f.toString().endsWith(".json"))).as("every lease released").isEmpty();
        }
    }

    private Process run(String run, Path rack, Path suite) throws IOException {
        Path ws = Workspace.current().home();
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1",
                "-Ddialtone.home=" + ws, "-Ddialtone.probe.millis=1500", "-Ddialtone.probe.log=" + dir.resolve(run + ".log"),
                Main.class.getName(), "run", suite.toString(), "--rack", rack.toString(), "--reports", dir.resolve(run).toString(),
                "--lease-wait", "60s", "--progress", "off");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(run + ".out").toFile()).start();
        started.add(p);
        return p;
    }

    /** [device (0 = ccx500-a, 1 = ccx500-b), start, end] of each test the run ran. */
    private List<long[]> used(String run) throws IOException {
        List<long[]> out = new ArrayList<>();
        for (String l : Files.readAllLines(dir.resolve(run + ".log"))) {
            String[] f = l.split(" ");
            out.add(new long[] {f[0].equals("ccx500-a") ? 0 : 1, Long.parseLong(f[1]), Long.parseLong(f[2])});
        }
        return out;
    }

}
