package dialtone.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import dialtone.model.rack.TimeScale;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import dialtone.model.rack.Racks;
import dialtone.simulator.rack.RackGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dialtone sim}: the embedded backend and the virtual rack in the foreground until Ctrl-C. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Start the embedded backend and the virtual rack, print every endpoint, run until Ctrl-C.")
final class SimCommand implements Callable<Integer> {
    @Option(names = "--rack", paramLabel = "FILE", description = "rack file (default: racks/virtual.yaml)")
    Path rack;

    @Option(names = "--time-scale", paramLabel = "X",
            description = "virtual phones' speed: 1.0 = real device timings, 0 < X <= 10 (default: the rack's timeScale, else 0.05)")
    Double timeScale;

    @Option(names = "--phones", paramLabel = "N",
            description = "generate a rack of N virtual phones from the rack file (cycling its models, distinct MACs, consecutive adb ports)")
    Integer phones;

    @Option(names = "--adb-base-port", paramLabel = "PORT", defaultValue = "16000",
            description = "with --phones: adb port of the first phone (default: ${DEFAULT-VALUE})")
    int adbBasePort;

    @Option(names = "--write-rack", paramLabel = "FILE",
            description = "with --phones: only write the generated rack file, do not start anything")
    Path writeRack;

    @Option(names = "--serve-rack", paramLabel = "FILE",
            description = "while running, write a rack file pointing at this sim's backend and Appium server, for runs in other"
                    + " processes to share its phones (they lease them: docs/reliability.md)")
    Path serveRack;

    @Override
    public Integer call() throws InterruptedException {
        Workspace ws = Workspace.current();
        Path rackFile = rack == null ? ws.defaultRack() : ws.resolve(rack);
        if (writeRack != null && phones == null) {
            throw new IllegalArgumentException("--write-rack needs --phones N");
        }
        if (phones != null) {
            Path out = writeRack != null ? ws.resolve(writeRack) : ws.stateDir().resolve("racks/virtual-" + phones + ".yaml");
            rackFile = RackGenerator.write(rackFile, Racks.load(rackFile), phones, "127.0.0.1", adbBasePort, out);
            System.out.println("Generated " + phones + " virtual phones in " + rackFile);
            if (writeRack != null) return 0;
            OpenFiles.warnIfTooFewFor(phones, System.err);
        }
        LabLauncher launcher = LabLauncher.start(new LabLauncher.Options(ws.home(), rackFile, Set.of(), timeScale == null ? null : new TimeScale(timeScale), "htmlunit", System.getenv()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            launcher.close();
            stopped.countDown();
        }, "dialtone-sim-shutdown"));
        launcher.printEndpoints(System.out);
        Path tokenFile = writeAdminToken(ws.stateDir(), launcher);
        System.out.println("  admin token in " + tokenFile + " (mode 600; use it as 'Authorization: Bearer ...')");
        launcher.awaitVirtualPhonesBooted(Duration.ofMinutes(2));
        if (serveRack != null) {
            Path served = ServedRack.write(launcher.lab(), launcher.adminToken(), ws.stateDir(), ws.resolve(serveRack));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Files.deleteIfExists(served); // it points at nothing once the sim stops
                } catch (IOException ignored) {
                    // left behind; the next --serve-rack overwrites it
                }
            }, "dialtone-sim-served-rack"));
            System.out.println("  served rack in " + served + ": ./dialtone run SUITE --rack " + served);
        }
        System.out.println("All phones booted. Try: adb connect " + launcher.lab().devices().get(0).adb()
                + "   Ctrl-C to stop.");
        stopped.await();
        return 0;
    }

    private static Path writeAdminToken(Path stateDir, LabLauncher launcher) {
        try {
            Files.createDirectories(stateDir);
            Path file = stateDir.resolve("admin-token");
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, launcher.adminToken() + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the admin token file in " + stateDir, e);
        }
    }
}
