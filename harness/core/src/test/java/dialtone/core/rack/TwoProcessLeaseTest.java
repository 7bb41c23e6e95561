package dialtone.core.rack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Harness processes (separate JVMs) sharing one rack's lease directory never hold the same phone at
 * once: a run that finds every phone held reports who holds it, or waits and gets them when the
 * first run releases them; two runs started together split the phones or take turns.
 */
class TwoProcessLeaseTest {
    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
    }

    private Process run(String run, long waitMs, long holdMs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                LeaseHolder.class.getName(), dir.resolve("state").toString(), run, Long.toString(waitMs), Long.toString(holdMs),
                log(run).toString(), "ccx500-a:poly-ccx500", "ccx500-b:poly-ccx500"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(run + ".out").toFile()).start();
        started.add(p);
        return p;
    }

    private Path log(String run) { return dir.resolve(run + ".log"); }

    private List<String> lines(String run) throws IOException {
        return Files.exists(log(run)) ? Files.readAllLines(log(run)) : List.of();
    }

    /** DEVICE -> [acquired, until] of every phone the run held. */
    private Map<String, long[]> held(String run) throws IOException {
        Map<String, long[]> out = new TreeMap<>();
        for (String l : lines(run)) {
            String[] f = l.split(" ");
            if (f[0].equals("held")) out.computeIfAbsent(f[1], k -> new long[2])[0] = Long.parseLong(f[2]);
            if (f[0].equals("done")) out.computeIfAbsent(f[1], k -> new long[2])[1] = Long.parseLong(f[2]);
        }
        return out;
    }

    private void finished(Process p) throws InterruptedException {
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("exit code of the lease holder process").isZero();
    }

    @Test
    void aSecondProcessNeverGetsAPhoneTheFirstHoldsAndWaitsForThem() throws Exception {
        Process first = run("run-a", 0, 2500);
        Awaitility.await("run-a to hold its phones").atMost(Duration.ofSeconds(30)).until(() -> held("run-a").size() == 2);

        Process impatient = run("run-b", 0, 0);
        finished(impatient);
        assertThat(held("run-b")).as("nothing free, no wait").isEmpty();
        assertThat(lines("run-b")).anySatisfy(l -> assertThat(l).startsWith("unavailable ccx500-a leased by run run-a on host "));

        Process patient = run("run-c", 30_000, 200);
        finished(first);
        finished(patient);
        Map<String, long[]> a = held("run-a");
        Map<String, long[]> c = held("run-c");
        assertThat(c).as("got them once run-a released them").containsOnlyKeys("ccx500-a", "ccx500-b");
        for (String device : a.keySet()) {
            assertThat(c.get(device)[0]).as(device + ": run-c took it only after run-a stopped using it").isGreaterThanOrEqualTo(a.get(device)[1]);
        }
    }

    @Test
    void aStoppedProcessReleasesItsLeasesAndAKilledOnesAreTakenOver() throws Exception {
        Process stopped = run("run-term", 0, 60_000);
        Awaitility.await("run-term to hold its phones").atMost(Duration.ofSeconds(30)).until(() -> held("run-term").size() == 2);
        stopped.destroy(); // SIGTERM: the shutdown hook releases the leases
        assertThat(stopped.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        LeaseDirectory leases = new LeaseDirectory(dir.resolve("state/leases"), Duration.ofMinutes(1), java.time.Clock.systemUTC());
        assertThat(leases.read("ccx500-a")).as("released on SIGTERM").isEmpty();
        assertThat(leases.read("ccx500-b")).isEmpty();

        Process killed = run("run-kill", 0, 60_000);
        Awaitility.await("run-kill to hold its phones").atMost(Duration.ofSeconds(30)).until(() -> held("run-kill").size() == 2);
        killed.destroyForcibly(); // SIGKILL: no hook runs, the lease files stay
        assertThat(killed.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(leases.read("ccx500-a")).get().extracting(l -> l.holder().run()).isEqualTo("run-kill");
        var taken = leases.tryAcquire("ccx500-a", LeaseDirectory.holder("run-next"));
        assertThat(taken).isInstanceOfSatisfying(LeaseDirectory.Attempt.Acquired.class, a -> assertThat(a.tookOver()).get().asString()
                .isEqualTo("its holder's process " + killed.pid() + " on this host is gone"));
    }

    @Test
    void twoProcessesStartedTogetherNeverHoldOnePhoneAtOnce() throws Exception {
        Process x = run("run-x", 30_000, 1000);
        Process y = run("run-y", 30_000, 1000);
        finished(x);
        finished(y);
        Map<String, long[]> hx = held("run-x");
        Map<String, long[]> hy = held("run-y");
        assertThat(hx).as("run-x held a phone").isNotEmpty();
        assertThat(hy).as("run-y held a phone").isNotEmpty();
        for (String device : List.of("ccx500-a", "ccx500-b")) {
            long[] p = hx.get(device), q = hy.get(device);
            if (p != null && q != null) {
                assertThat(p[1] <= q[0] || q[1] <= p[0]).as(device + " held by both at once: x " + p[0] + ".." + p[1] + ", y " + q[0] + ".." + q[1])
                        .isTrue();
            }
        }
    }
}
