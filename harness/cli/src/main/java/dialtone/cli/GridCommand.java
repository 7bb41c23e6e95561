package dialtone.cli;

import dialtone.core.phone.Adb;
import dialtone.model.rack.Rack;
import dialtone.model.rack.Racks;
import dialtone.model.rack.TimeScale;
import dialtone.simulator.phone.FirmwareCatalogue;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dialtone grid config|up}: Selenium Grid 4 relay nodes for a rack (docs/scale-out.md). */
@Command(name = "grid", mixinStandardHelpOptions = true,
        description = "Selenium Grid 4 for a rack: relay-node configuration for lab hosts, or a local hub and nodes for the virtual rack.",
        subcommands = {GridCommand.Config.class, GridCommand.Up.class})
final class GridCommand {
    static final int DEFAULT_HUB_PORT = 4444;
    static final int DEFAULT_NODE_PORT = 5555;

    /** The Grid's classpath as the build wrote it (harness/grid-server). */
    static Path gridClasspath(Workspace ws) {
        return ws.home().resolve("harness/grid-server/target/grid.classpath");
    }

    /** The Android release a phone runs: the simulator's firmware line for a virtual phone, else what the phone reports over ADB. */
    static String androidVersion(Rack.Device d) {
        if (d.firmware().isPresent()) {
            return FirmwareCatalogue.shipped().line(d.profile(), d.firmware().get()).android();
        }
        try (Adb adb = new Adb(d.adb())) {
            return adb.property("ro.build.version.release").strip();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot read the Android version of " + d.id() + " over ADB at " + d.adb()
                    + " (needed for its slot's appium:platformVersion): run grid config on a host that reaches the phones' network ADB,"
                    + " as the harness must (" + e.getMessage() + ")", e);
        }
    }

    @Command(name = "config", mixinStandardHelpOptions = true,
            description = "Write one relay-node TOML per Appium server of a rack (a slot per phone) and the hub's TOML; print how to start each.")
    static final class Config implements Callable<Integer> {
        @Option(names = "--rack", paramLabel = "FILE", required = true,
                description = "a rack whose devices name their appiumServer (appium: the Grid URL), or whose appium is one Appium server")
        Path rack;

        @Option(names = "--out", paramLabel = "DIR", description = "where to write the TOML files (default: grid/ next to the rack file)")
        Path out;

        @Option(names = "--hub", paramLabel = "URL",
                description = "the hub's URL (default: the rack's appium URL when its devices name their appiumServer)")
        URI hub;

        @Option(names = "--nodes", paramLabel = "N", defaultValue = "1",
                description = "relay nodes per Appium server, phones split between them (default: ${DEFAULT-VALUE})")
        int nodes;

        @Override
        public Integer call() {
            Workspace ws = Workspace.current();
            Path rackFile = ws.resolve(rack);
            Rack r = Racks.load(rackFile);
            if (r.appium().embedded()) {
                throw new IllegalArgumentException(rackFile + ": a virtual rack (appium: embedded) serves its phones itself: `dialtone grid up`"
                        + " puts it behind a local Grid; grid config is for a lab rack");
            }
            boolean relayed = r.devices().get(0).appiumServer().isPresent();
            URI hubUrl = hub != null ? hub : relayed ? r.appium().url().orElseThrow() : null;
            if (hubUrl == null) {
                throw new IllegalArgumentException(rackFile + ": its appium (" + r.appium().url().orElseThrow() + ") is the Appium server the"
                        + " nodes relay to; give the hub's URL with --hub (or name each device's appiumServer and make appium the hub)");
            }
            if (hubUrl.getHost() == null || !"http".equalsIgnoreCase(hubUrl.getScheme())) {
                throw new IllegalArgumentException("--hub must be an http URL like http://grid-hub:4444, found '" + hubUrl + "'");
            }
            GridConfig.Hub h = new GridConfig.Hub(hubUrl.getHost(), hubUrl.getPort() < 0 ? DEFAULT_HUB_PORT : hubUrl.getPort(), 4442, 4443);
            List<GridConfig.RelayNode> relayNodes = GridConfig.relayNodes(r.devices(), r.appium().url().orElseThrow(), nodes,
                    GridCommand::androidVersion);
            Path dir = out != null ? ws.resolve(out) : rackFile.toAbsolutePath().getParent().resolve("grid");
            write(dir, h, relayNodes, gridClasspath(ws), System.out);
            return 0;
        }

        static void write(Path dir, GridConfig.Hub hub, List<GridConfig.RelayNode> nodes, Path classpath, PrintStream out) {
            try {
                Files.createDirectories(dir);
                Path hubFile = Files.writeString(dir.resolve("hub.toml"), GridConfig.hubToml(hub, false));
                String java = "java -cp \"$(cat " + classpath + ")\" org.openqa.selenium.grid.Main";
                out.println("Wrote " + hubFile + "; on the hub host (" + hub.host() + "):");
                out.println("  " + java + " hub --config " + hubFile);
                int port = DEFAULT_NODE_PORT;
                for (GridConfig.RelayNode n : nodes) {
                    Path f = Files.writeString(dir.resolve(n.name() + ".toml"), GridConfig.nodeToml(n, hub, "", port++));
                    out.println("Wrote " + f + ": " + n.phones().size() + " phone(s) relayed to " + n.appiumServer()
                            + "; on a host reaching it (usually " + n.appiumServer().getHost() + "):");
                    out.println("  " + java + " node --config " + f);
                }
                out.println("Then point the rack's appium at " + hub.url() + " (docs/scale-out.md).");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the Grid configuration in " + dir, e);
            }
        }
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Start the embedded backend, the virtual rack, a Selenium Grid hub and relay nodes (own JVMs) on loopback,"
                    + " write a rack file pointing at the hub, run until Ctrl-C.")
    static final class Up implements Callable<Integer> {
        @Option(names = "--rack", paramLabel = "FILE", description = "a virtual rack file (default: racks/virtual.yaml)")
        Path rack;

        @Option(names = "--nodes", paramLabel = "N", defaultValue = "1",
                description = "relay nodes, the phones split between them (default: ${DEFAULT-VALUE})")
        int nodes;

        @Option(names = "--time-scale", paramLabel = "X", description = "virtual phones' speed (default: the rack's timeScale, else 0.05)")
        Double timeScale;

        @Option(names = "--serve-rack", paramLabel = "FILE",
                description = "the rack file pointing at the Grid (default: .dialtone/grid/<rack name>.yaml)")
        Path serveRack;

        @Override
        public Integer call() throws InterruptedException {
            Workspace ws = Workspace.current();
            Path rackFile = rack == null ? ws.defaultRack() : ws.resolve(rack);
            Path gridDir = ws.stateDir().resolve("grid");
            Path served = serveRack != null ? ws.resolve(serveRack) : gridDir.resolve(Racks.load(rackFile).name() + ".yaml");
            VirtualGrid grid = VirtualGrid.start(ws, rackFile, timeScale == null ? null : new TimeScale(timeScale), nodes, gridDir, served);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                grid.close();
                stopped.countDown();
            }, "dialtone-grid-shutdown"));
            grid.launcher().printEndpoints(System.out);
            System.out.println("  Selenium Grid hub " + grid.grid().hubUrl() + " with " + grid.grid().status().path("nodes").size()
                    + " relay node(s) (TOML and logs in "
                    + grid.grid().dir() + ")");
            System.out.println("  rack file for runs through the Grid: ./dialtone run SUITE --rack " + served);
            System.out.println("Grid ready. Ctrl-C to stop.");
            stopped.await();
            return 0;
        }
    }

    /** The virtual rack behind a local Grid: what {@code grid up} runs and the Grid smoke test uses. */
    record VirtualGrid(LabLauncher launcher, LocalGrid grid, Path servedRack) implements AutoCloseable {
        static VirtualGrid start(Workspace ws, Path rackFile, TimeScale timeScale, int nodes, Path gridDir, Path served) {
            Rack rack = Racks.load(rackFile);
            if (!rack.appium().embedded()) {
                throw new IllegalArgumentException(rackFile + ": grid up starts a virtual rack (appium: embedded); for a lab rack use grid config");
            }
            if (nodes < 1) throw new IllegalArgumentException("--nodes must be at least 1, found " + nodes);
            LabLauncher launcher = LabLauncher.start(new LabLauncher.Options(ws.home(), rackFile, Set.of(), timeScale, "htmlunit", System.getenv()));
            LocalGrid grid = null;
            try {
                List<GridConfig.RelayNode> relayNodes = GridConfig.relayNodes(launcher.lab().devices(), launcher.lab().appiumUrl(), nodes,
                        GridCommand::androidVersion);
                grid = LocalGrid.start(gridClasspath(ws), gridDir, relayNodes, Duration.ofSeconds(90));
                launcher.awaitVirtualPhonesBooted(Duration.ofMinutes(2));
                Path rackOut = ServedRack.write(launcher.lab(), launcher.adminToken(), gridDir, served, Optional.of(grid.hubUrl()));
                return new VirtualGrid(launcher, grid, rackOut);
            } catch (RuntimeException e) {
                if (grid != null) grid.close();
                launcher.close();
                throw e;
            }
        }

        @Override
        public void close() {
            try {
                Files.deleteIfExists(servedRack); // it points at nothing once the Grid stops
            } catch (IOException ignored) {
                // left behind; the next grid up overwrites it
            }
            try {
                grid.close();
            } finally {
                launcher.close();
            }
        }
    }
}
