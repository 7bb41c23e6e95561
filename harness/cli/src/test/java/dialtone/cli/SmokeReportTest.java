package dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke suite on the virtual rack, with the account password and the admin token known to the
 * test: the report carries the run's metadata, and neither secret (nor its base64) appears in any
 * file of the reports directory, in the log file or in what the command printed.
 */
class SmokeReportTest {
    private static final String ACCOUNT = "lobby-phone@contoso.example";

    @TempDir
    Path dir;

    @Test
    void theReportNamesTheRunAndNoSecretLeaksAnywhere() throws IOException {
        String password = "Pw-" + random();
        String adminToken = "tok-" + random();
        Path passwordFile = Files.writeString(dir.resolve("lobby-password"), password + "\n");
        Path tokenFile = Files.writeString(dir.resolve("admin-token"), adminToken + "\n");
        Path rack = FreePortRack.write(Workspace.current().defaultRack(), dir.resolve("rack.yaml"));
        String yaml = Files.readString(rack);
        Files.writeString(rack, yaml
                .replace("  organizationName: Contoso Ltd\n", "  organizationName: Contoso Ltd\n  adminTokenFile: " + tokenFile + "\n")
                .replace("passwordEnv: DIALTONE_LOBBY_PASSWORD", "passwordFile: " + passwordFile));
        assertThat(Files.readString(rack)).contains("adminTokenFile").contains("passwordFile");
        Path reports = dir.resolve("reports");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Cli.run(out, "run", "smoke", "--rack", rack.toString(), "--reports", reports.toString(), "--progress", "lines");
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();

        // progress: a line when a phone's stage changes; the closing table
        assertThat(printed).containsPattern("ccx500-1 +\\d+\\.\\ds  provisionAndSignInRemotely: Factory reset: the phone boots to the sign-in screen")
                .containsPattern("trio-c60-1 +\\d+\\.\\ds  provisionAndSignInRemotely: passed")
                .containsPattern("DEVICE +MODEL +FIRMWARE +TEST +RESULT +TIME")
                .contains("3 passed, 0 failed, 0 skipped");

        // the run's metadata, as the report shows it
        String environment = Files.readString(reports.resolve("allure-results/environment.properties"));
        assertThat(environment).contains("Suite=smoke", "Models=CCX 500, CCX 600, Trio C60", "Firmware\\ CCX\\ 500=7.2.1.1707",
                "Firmware\\ Trio\\ C60=8.1.6.1005", "Java=", "OS=", "Dialtone=", "Backend=http://127.0.0.1:");
        JsonNode executor = new ObjectMapper().readTree(reports.resolve("allure-results/executor.json").toFile());
        assertThat(executor.path("name").asText()).isEqualTo("Dialtone");
        assertThat(executor.path("reportName").asText()).isEqualTo("Dialtone smoke on virtual");
        JsonNode shown = new ObjectMapper().readTree(reports.resolve("allure-report/widgets/environment.json").toFile());
        assertThat(shown.findValuesAsText("name")).contains("Firmware CCX 600", "Models");

        // secrets: nowhere
        Map<String, byte[]> forms = secretForms(password, adminToken);
        List<Path> scanned = new ArrayList<>();
        try (Stream<Path> files = Files.walk(reports)) {
            files.filter(Files::isRegularFile).forEach(scanned::add);
        }
        Path log = reports.resolve(RunLog.FILE_NAME);
        assertThat(scanned).as("the run's log file, in its reports directory").contains(log);
        assertThat(Files.size(log)).as("the run's log file").isPositive();
        assertThat(scanned).as("results, report, history and log").hasSizeGreaterThan(20);
        assertThat(indexOf(Files.readAllBytes(passwordFile), forms.get("password"))).as("the scan finds what is there").isZero();
        for (Path f : scanned) {
            byte[] content = Files.readAllBytes(f);
            forms.forEach((what, form) -> assertThat(indexOf(content, form)).as(what + " in " + f).isEqualTo(-1));
        }
        forms.forEach((what, form) -> assertThat(printed).as(what + " on the console").doesNotContain(new String(form, StandardCharsets.UTF_8)));
        // the scan looks where the secrets were used: the account signed in and its step is in the results
        assertThat(scanned).anySatisfy(f -> assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).contains("signs in " + ACCOUNT));
    }

    private static Map<String, byte[]> secretForms(String password, String adminToken) {
        Map<String, byte[]> forms = new LinkedHashMap<>();
        for (Map.Entry<String, String> secret : Map.of("password", password, "admin token", adminToken,
                "account:password", ACCOUNT + ":" + password).entrySet()) {
            byte[] raw = secret.getValue().getBytes(StandardCharsets.UTF_8);
            forms.put(secret.getKey(), raw);
            forms.put(secret.getKey() + " (base64)", Base64.getEncoder().withoutPadding().encode(raw));
            forms.put(secret.getKey() + " (base64url)", Base64.getUrlEncoder().withoutPadding().encode(raw));
        }
        forms.remove("account:password"); // contains the password: covered; only its base64 is a form of its own
        return forms;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

    private static String random() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
