package dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dialtone backend}: options, start-up in the foreground on a free port, and a clean stop. */
class BackendCommandTest {
    private static final Pattern URL = Pattern.compile("Dialtone backend listening on (http://\\S+)");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dataDir;

    @Test
    void runsInTheForegroundWithItsStateInTheDataDirectoryAndStopsCleanly() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread command = new Thread(() -> exitCode.set(Cli.run(printed, "backend", "--port", "0",
                "--data-dir", dataDir.toString(), "--test-controls")), "dialtone-backend-command");
        command.start();

        // the last line it prints before serving until Ctrl-C (the URL comes a few lines earlier)
        Awaitility.await("the backend's addresses").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> printed.toString(StandardCharsets.UTF_8).contains("Ctrl-C to stop."));
        String out = printed.toString(StandardCharsets.UTF_8);
        Matcher m = URL.matcher(out);
        assertThat(m.find()).isTrue();
        String url = m.group(1);
        assertThat(out).contains("console        " + url + "/").contains("Device Login   " + url + "/devicelogin")
                .contains("data directory " + dataDir.toAbsolutePath()).contains("tenants        contoso")
                .contains("Ctrl-C to stop.");
        assertThat(get(url + "/health").statusCode()).isEqualTo(200);
        assertThat(get(url + "/").body()).contains("Dialtone admin center");
        assertThat(get(url + "/openapi.json").statusCode()).isEqualTo(200);
        assertThat(dataDir.resolve("dialtone-backend.mv.db")).isRegularFile();

        command.interrupt();
        command.join(Duration.ofSeconds(30).toMillis());
        assertThat(command.isAlive()).isFalse();
        assertThat(exitCode.get()).isZero();
        assertThatThrownBy(() -> get(url + "/health")).isInstanceOf(IOException.class);
    }

    @Test
    void helpListsTheOptionsAndABadPortIsBadUsage() {
        ByteArrayOutputStream help = new ByteArrayOutputStream();
        assertThat(Cli.run(help, "backend", "--help")).isZero();
        assertThat(help.toString(StandardCharsets.UTF_8)).contains("--port=N").contains("--data-dir=DIR")
                .contains("--test-controls").contains("DIALTONE_ADMIN_TOKEN");

        assertThat(Cli.run(new ByteArrayOutputStream(), "backend", "--port", "70000", "--data-dir", dataDir.toString()))
                .isEqualTo(Main.HARNESS_ERROR);
        assertThat(Cli.run(new ByteArrayOutputStream(), "backend", "--port", "many")).isEqualTo(Main.HARNESS_ERROR);
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
