package dialtone.backend;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link BackendMain} in a JVM of its own, on this test's classpath, so a test can kill it like {@code kill -9}. */
final class BackendProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Dialtone backend listening on (http://\\S+)");

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final CompletableFuture<String> url = new CompletableFuture<>();

    private BackendProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "backend-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    static BackendProcess start(Path dataDir, Map<String, String> environment, String... extraArgs) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                BackendMain.class.getName(), "--data-dir", dataDir.toString(), "--port", "0"));
        command.addAll(List.of(extraArgs));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove(StandaloneBackend.ADMIN_TOKEN_ENV);
        builder.environment().remove(StandaloneBackend.DEMO_PASSWORD_ENV);
        builder.environment().putAll(environment);
        try {
            return new BackendProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** The backend's URL, once it printed it (within {@code seconds}). */
    String awaitUrl(int seconds) throws InterruptedException {
        try {
            return url.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new AssertionError("the backend process printed no URL within " + seconds + " s (alive: "
                    + process.isAlive() + "); it printed:\n" + output(), e);
        }
    }

    synchronized String output() {
        return String.join("\n", output);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the backend process did not die");
        }
    }

    private void readOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                synchronized (this) {
                    output.add(line);
                }
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    url.complete(m.group(1));
                }
            }
        } catch (IOException e) {
            // the process died; output() has what it said
        }
        url.completeExceptionally(new IllegalStateException("the backend process ended"));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
