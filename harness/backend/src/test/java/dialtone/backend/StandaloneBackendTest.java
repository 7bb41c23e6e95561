package dialtone.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backend of {@code ./dialtone backend}: data directory, demo tenant, admin token rules, test controls. */
class StandaloneBackendTest {
    private static final Pattern PRINTED_TOKEN = Pattern.compile("admin token \\(shown this once; kept in the data directory\\): (\\S+)");
    private static final String SUMMARY = "/admin/v1/provisioning/summary";

    @TempDir
    Path dataDir;

    private String run(boolean testControls, Map<String, String> env, Consumer<Http> body) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (StandaloneBackend backend = StandaloneBackend.start(
                new StandaloneBackend.Options("127.0.0.1", 0, dataDir, testControls, env),
                new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            body.accept(new Http(backend.server().url()));
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aGeneratedAdminTokenIsPrintedOnceAndKeptAcrossRestarts() {
        String first = run(true, Map.of(), http -> { });
        Matcher m = PRINTED_TOKEN.matcher(first);
        assertThat(m.find()).as(first).isTrue();
        String token = m.group(1);
        assertThat(first).contains("Seeded the demo tenant contoso (Contoso Ltd)")
                .contains("password of " + StandaloneBackend.DEMO_UPN + " (shown this once)")
                .containsPattern("Dialtone backend listening on http://127\\.0\\.0\\.1:\\d+")
                .contains("/devicelogin").contains("/openapi.json").contains("test controls  on");

        String second = run(true, Map.of(), http -> {
            assertThat(http.get(SUMMARY, token).status()).isEqualTo(200);
            assertThat(http.get("/admin/v1/tenant", token).json().path("organizationName").asText()).isEqualTo("Contoso Ltd");
        });
        assertThat(second).doesNotContain(token).doesNotContain("Seeded")
                .contains("admin token as printed at its first start");
    }

    @Test
    void theAdminTokenComesFromTheEnvironmentAndReplacesAStoredOne() {
        String first = run(true, Map.of(StandaloneBackend.ADMIN_TOKEN_ENV, "token-one-1234567"), http -> {
            assertThat(http.get(SUMMARY, "token-one-1234567").status()).isEqualTo(200);
            assertThat(http.send("PATCH", "/admin/v1/tenant", "{\"intuneEnrollmentRequired\":true}", "application/json",
                    Map.of("Authorization", "Bearer token-one-1234567")).status()).isEqualTo(200);
        });
        assertThat(first).doesNotContain("token-one-1234567").doesNotContain("admin token (shown");

        String second = run(true, Map.of(StandaloneBackend.ADMIN_TOKEN_ENV, "token-two-7654321"), http -> {
            assertThat(http.get(SUMMARY, "token-two-7654321").status()).isEqualTo(200);
            assertThat(http.get(SUMMARY, "token-one-1234567").status()).isEqualTo(401);
            assertThat(http.get("/admin/v1/tenant", "token-two-7654321").json().path("intuneEnrollmentRequired").asBoolean())
                    .as("a new token keeps the tenant's settings").isTrue();
        });
        assertThat(second).contains("admin token replaced by DIALTONE_ADMIN_TOKEN").doesNotContain("token-two-7654321");
    }

    @Test
    void withoutTestControlsNothingIsSeededAndTheClockCannotBeMoved() {
        String printed = run(false, Map.of(StandaloneBackend.ADMIN_TOKEN_ENV, "token-unused-99999"), http -> {
            Http.Reply clock = http.post("/test/v1/clock", Map.of("advanceSeconds", 60), null);
            assertThat(clock.status()).isEqualTo(404);
            assertThat(http.get(SUMMARY, "token-unused-99999").status()).isEqualTo(401);
            assertThat(http.get("/health", null).status()).isEqualTo(200);
        });
        assertThat(printed).contains("tenants        none yet").contains("test controls  off");
    }

    @Test
    void badArgumentsAreReportedByName() {
        assertThat(BackendMain.parse(List.of("--port", "0", "--data-dir", "x", "--test-controls")))
                .satisfies(o -> {
                    assertThat(o.port()).isZero();
                    assertThat(o.dataDir()).isEqualTo(Path.of("x"));
                    assertThat(o.testControls()).isTrue();
                });
        assertThat(BackendMain.parse(List.of()).dataDir()).isEqualTo(StandaloneBackend.defaultDataDir());
        assertThatThrownBy(() -> BackendMain.parse(List.of("--port", "http")))
                .hasMessageContaining("--port must be a number");
        assertThatThrownBy(() -> BackendMain.parse(List.of("--verbose")))
                .hasMessageContaining("unknown argument --verbose");
    }
}
