package dialtone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * A Selenium Grid hub and relay nodes on loopback, each in its own JVM on the Grid's classpath
 * (harness/grid-server, selenium-grid from Maven Central: its Selenium differs from the harness's),
 * every port free at start. {@link #close()} stops every JVM it started.
 */
final class LocalGrid implements AutoCloseable {
    private static final String LOOPBACK = "127.0.0.1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final GridConfig.Hub hub;
    private final Path dir;
    private final List<Process> processes = new ArrayList<>();

    private LocalGrid(GridConfig.Hub hub, Path dir) {
        this.hub = hub;
        this.dir = dir;
    }

    /**
     * Writes the TOML files into {@code dir}, starts the hub and the nodes (their output in
     * {@code dir/*.log}) and waits (within {@code budget}) until the hub is ready with a slot for
     * every phone of {@code nodes}.
     */
    static LocalGrid start(Path gridClasspath, Path dir, List<GridConfig.RelayNode> nodes, Duration budget) {
        String classpath = classpath(gridClasspath);
        LocalGrid grid = new LocalGrid(new GridConfig.Hub(LOOPBACK, freePort(), freePort(), freePort()), dir);
        try {
            Files.createDirectories(dir);
            grid.launch("hub", GridConfig.hubToml(grid.hub, true), classpath);
            for (GridConfig.RelayNode node : nodes) {
                grid.launch(node.name(), GridConfig.nodeToml(node, grid.hub, LOOPBACK, freePort()), classpath);
            }
            Set<String> udids = new HashSet<>();
            nodes.forEach(n -> n.phones().forEach(p -> udids.add(p.udid())));
            grid.awaitReady(udids, budget);
            return grid;
        } catch (IOException e) {
            grid.close();
            throw new UncheckedIOException("cannot start the Selenium Grid in " + dir, e);
        } catch (RuntimeException e) {
            grid.close();
            throw e;
        }
    }

    URI hubUrl() { return hub.url(); }

    Path dir() { return dir; }

    /** The hub's {@code /status} value: {@code ready}, {@code nodes[].slots[].stereotype}. */
    JsonNode status() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(hub.url().resolve("/status")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body()).path("value");
        } catch (IOException e) {
            throw new UncheckedIOException("the Grid hub at " + hub.url() + " does not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void awaitReady(Set<String> udids, Duration budget) {
        try {
            await("the Selenium Grid hub at " + hub.url() + " to be ready with a slot for each of " + udids.size() + " phones")
                    .atMost(budget).pollInterval(Duration.ofMillis(250)).pollInSameThread()
                    .ignoreExceptionsInstanceOf(UncheckedIOException.class)
                    .until(() -> {
                        exitedEarly();
                        JsonNode s = status();
                        return s.path("ready").asBoolean() && GridConfig.slottedPhones(s).containsAll(udids);
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("the Selenium Grid was not ready within " + budget.toSeconds() + " s (hub and node logs in "
                    + dir + ")", e);
        }
    }

    private void exitedEarly() {
        for (Process p : processes) {
            if (!p.isAlive()) {
                throw new IllegalStateException("a Selenium Grid JVM exited with " + p.exitValue() + " (" + p.info().arguments()
                        .map(a -> String.join(" ", a)).orElse("") + "); logs in " + dir);
            }
        }
    }

    private void launch(String name, String toml, String classpath) throws IOException {
        Path config = Files.writeString(dir.resolve(name + ".toml"), toml);
        String role = name.equals("hub") ? "hub" : "node";
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", classpath, "org.openqa.selenium.grid.Main", role, "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        processes.add(pb.start());
    }

    private static String classpath(Path file) {
        try {
            String cp = Files.readString(file).strip();
            if (cp.isEmpty()) throw new IllegalStateException(file + " is empty: run ./mvnw package");
            return cp;
        } catch (IOException e) {
            throw new UncheckedIOException("the Selenium Grid's classpath " + file + " is missing: run ./mvnw package (it builds harness/grid-server)", e);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** Stops the nodes, then the hub: each gets a few seconds to exit, then is killed with its children. */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        processes.clear();
    }
}
