package dialtone.backend;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * {@code java -cp ... dialtone.backend.BackendMain [--host H] [--port N] [--data-dir DIR] [--test-controls]}:
 * a standalone backend without the CLI (the restart tests start it in a JVM of its own and kill it).
 * {@code ./dialtone backend} is the same with picocli's help. Runs until the process is stopped.
 */
public final class BackendMain {
    static final String USAGE = "usage: BackendMain [--host H] [--port N] [--data-dir DIR] [--test-controls]";

    private BackendMain() {
    }

    public static void main(String[] args) {
        StandaloneBackend.Options options;
        try {
            options = parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        try {
            StandaloneBackend backend = StandaloneBackend.start(options, System.out);
            Runtime.getRuntime().addShutdownHook(new Thread(backend::close, "dialtone-backend-shutdown"));
            // Jetty's threads keep the JVM running until it is stopped
        } catch (RuntimeException e) {
            System.err.println("dialtone backend: " + e.getMessage());
            System.exit(3);
        }
    }

    static StandaloneBackend.Options parse(List<String> args) {
        String host = "127.0.0.1";
        int port = StandaloneBackend.DEFAULT_PORT;
        Path dataDir = StandaloneBackend.defaultDataDir();
        boolean testControls = false;
        for (Iterator<String> it = args.iterator(); it.hasNext(); ) {
            String arg = it.next();
            switch (arg) {
                case "--host" -> host = value(arg, it);
                case "--port" -> port = port(value(arg, it));
                case "--data-dir" -> dataDir = Path.of(value(arg, it));
                case "--test-controls" -> testControls = true;
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        return new StandaloneBackend.Options(host, port, dataDir, testControls, System.getenv());
    }

    private static String value(String option, Iterator<String> it) {
        if (!it.hasNext()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return it.next();
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--port must be a number from 0 to 65535, got " + text);
    }
}
