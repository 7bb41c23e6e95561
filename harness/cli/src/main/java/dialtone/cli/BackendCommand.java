package dialtone.cli;

import dialtone.backend.StandaloneBackend;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dialtone backend}: the emulated admin backend alone, its state in a data directory, until Ctrl-C. */
@Command(name = "backend", mixinStandardHelpOptions = true,
        description = {"Run the emulated Teams admin backend in the foreground until Ctrl-C, keeping its state"
                + " (tenants, accounts, records, codes, phones) in a data directory across restarts.",
                "With --test-controls it also seeds the demo tenant contoso (Contoso Ltd): its admin token comes from"
                + " DIALTONE_ADMIN_TOKEN or is generated and printed once, at the first start."})
final class BackendCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "N", defaultValue = "" + StandaloneBackend.DEFAULT_PORT,
            description = "HTTP port; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "address to listen on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where the state is kept (default: ~/.dialtone/backend)")
    Path dataDir;

    @Option(names = "--test-controls", description = "enable POST /test/v1/clock and seed the demo tenant contoso")
    boolean testControls;

    @Override
    public Integer call() {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be from 0 to 65535, got " + port);
        }
        Path dir = dataDir == null ? StandaloneBackend.defaultDataDir() : dataDir;
        StandaloneBackend backend = StandaloneBackend.start(
                new StandaloneBackend.Options(host, port, dir, testControls, System.getenv()), System.out);
        Thread onCtrlC = new Thread(backend::close, "dialtone-backend-shutdown");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        System.out.println("Ctrl-C to stop.");
        boolean interrupted = false;
        try {
            new CountDownLatch(1).await(); // Ctrl-C ends the JVM (the hook closes the backend); an interrupt ends the command
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            removeHook(onCtrlC);
            backend.close(); // with the interrupt flag clear: Jetty's stop waits for its threads
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running already
        }
    }
}
