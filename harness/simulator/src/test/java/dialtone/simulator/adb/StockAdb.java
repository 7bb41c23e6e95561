package dialtone.simulator.adb;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's stock adb client with a private server: its own HOME (a temporary directory with its key in
 * HOME/.android, deleted on close), its own server port (ANDROID_ADB_SERVER_PORT), killed on close. Output goes through files, never pipes:
 * the forked adb server must not keep a pipe of ours open.
 */
public final class StockAdb implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/adb");

    public record Result(int exitCode, String stdout, String stderr, byte[] stdoutBytes) {
    }

    private final Path home;
    private final int serverPort;
    private final AtomicInteger runs = new AtomicInteger();

    /**
     * Debian's adb missing on a developer's machine: the stock-client tests are skipped, saying
     * why (`./mvnw verify` needs only Java); missing where {@code CI} is set: they fail, as CI
     * must run them (.ci/run installs adb).
     */
    public static void requireInstalled() {
        if (Files.isExecutable(BINARY)) {
            return;
        }
        String why = "Debian's stock adb client is not installed (" + BINARY + "; apt-get install -y adb)";
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
            fail(why + "; CI is set, so the stock-client tests must run");
        }
        org.junit.jupiter.api.Assumptions.abort(why + ": the stock-client test is skipped (with CI=true it fails instead)");
    }

    /** A client with a HOME of its own (a temporary directory, deleted on close). */
    public StockAdb() throws IOException {
        requireInstalled();
        this.home = Files.createTempDirectory("adb-home");
        try (ServerSocket s = new ServerSocket(0)) {
            this.serverPort = s.getLocalPort();
        }
    }

    /** The HOME this client runs with (its key is in {@code .android/adbkey}). */
    public Path home() {
        return home;
    }

    public Result run(String... args) throws IOException, InterruptedException {
        return runWithStdin(null, args);
    }

    public Result runWithStdin(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(BINARY.toString());
        command.addAll(List.of(args));
        int n = runs.incrementAndGet();
        File out = home.resolve("adb-" + n + ".out").toFile();
        File err = home.resolve("adb-" + n + ".err").toFile();
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(out)
                .redirectError(err);
        if (stdin != null) {
            File in = home.resolve("adb-" + n + ".in").toFile();
            Files.writeString(in.toPath(), stdin);
            pb.redirectInput(in);
        } else {
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        pb.environment().put("HOME", home.toString());
        pb.environment().put("ANDROID_ADB_SERVER_PORT", Integer.toString(serverPort));
        pb.environment().put("TMPDIR", home.toString());
        pb.environment().remove("ANDROID_SERIAL");
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("adb " + String.join(" ", args) + " did not finish in 60 s");
        }
        byte[] stdout = Files.readAllBytes(out.toPath());
        return new Result(p.exitValue(), new String(stdout, StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8), stdout);
    }

    /**
     * Starts {@code adb args...} without waiting (e.g. a streaming {@code adb logcat}); its stdout goes to the
     * returned file. Stop it with {@link Process#destroy()}.
     */
    public Process start(Path stdout, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(BINARY.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(home.resolve("adb-started-" + runs.incrementAndGet() + ".err").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("HOME", home.toString());
        pb.environment().put("ANDROID_ADB_SERVER_PORT", Integer.toString(serverPort));
        pb.environment().put("TMPDIR", home.toString());
        pb.environment().remove("ANDROID_SERIAL");
        return pb.start();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            run("kill-server");
        } finally {
            try (var files = Files.walk(home)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }
}
