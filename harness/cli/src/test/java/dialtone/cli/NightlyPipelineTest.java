package dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The nightly pipeline files, checked offline as far as that goes: the workflow parses and its job
 * runs the nightly suite on a self-hosted runner with the history kept outside the checkout and the
 * build marked by exit code; the Jenkinsfile's brackets and strings balance and it does the same.
 */
class NightlyPipelineTest {
    private final Path home = Workspace.current().home();

    @Test
    void theWorkflowRunsTheNightlySuiteOnTheRackHostAndMarksTheBuildByExitCode() throws IOException {
        JsonNode wf = new ObjectMapper(new YAMLFactory()).readTree(home.resolve(".github/workflows/nightly.yml").toFile());
        JsonNode on = wf.has("on") ? wf.get("on") : wf.get("true"); // YAML 1.1 may read the key `on` as a boolean
        assertThat(on.path("schedule").get(0).path("cron").asText()).matches("\\S+ \\S+ \\S+ \\S+ \\S+");
        assertThat(on.has("workflow_dispatch")).isTrue();

        JsonNode job = wf.path("jobs").path("nightly");
        assertThat(StreamSupport.stream(job.path("runs-on").spliterator(), false).map(JsonNode::asText)).contains("self-hosted");
        String reports = job.path("env").path("DIALTONE_REPORTS").asText();
        assertThat(Path.of(reports)).as("reports (and their history) outside the checkout").isAbsolute();
        List<JsonNode> steps = StreamSupport.stream(job.path("steps").spliterator(), false).toList();
        JsonNode nightly = steps.stream().filter(s -> s.path("run").asText().contains("./dialtone run nightly")).findFirst().orElseThrow();
        assertThat(nightly.path("run").asText()).contains("--reports \"$DIALTONE_REPORTS\"").contains("exit-code=$code");
        assertThat(steps).anySatisfy(s -> {
            assertThat(s.path("uses").asText()).startsWith("actions/upload-artifact");
            assertThat(s.path("with").path("path").asText()).endsWith("/allure-report");
        });
        String mark = steps.stream().map(s -> s.path("run").asText()).filter(r -> r.contains("case \"$CODE\"")).findFirst().orElseThrow();
        assertThat(mark).contains("0) ").contains("1) ").contains("2) ").contains("*) ").contains("exit 1").contains("exit 3")
                .contains("::warning title=Unstable: lab problems");
    }

    @Test
    void theJenkinsfileBalancesAndMapsTheExitCodes() throws IOException {
        String jenkinsfile = Files.readString(home.resolve("Jenkinsfile"));
        assertThat(unbalanced(jenkinsfile)).as("Jenkinsfile brackets and strings").isEmpty();
        assertThat(jenkinsfile).contains("./dialtone run nightly --rack \"$DIALTONE_RACK\" --reports \"$DIALTONE_REPORTS\"")
                .contains("returnStatus: true").contains("case 1:").contains("currentBuild.result = 'FAILURE'")
                .contains("case 2:").contains("unstable(").contains("default:").contains("error(")
                .contains("publishHTML").contains("DIALTONE_REPORTS = '/var/lib/dialtone/reports'");
    }

    @Test
    void theBalanceCheckCatchesABrokenFile() {
        assertThat(unbalanced("pipeline { stages { }")).isNotEmpty();
        assertThat(unbalanced("sh 'echo }' // }\nx = \"${a}\"")).isEmpty();
        assertThat(unbalanced("echo 'unterminated")).isNotEmpty();
    }

    /** Groovy's brackets outside strings and comments; empty when they balance and every string ends. */
    static String unbalanced(String groovy) {
        Deque<Character> open = new ArrayDeque<>();
        int line = 1;
        for (int i = 0; i < groovy.length(); i++) {
            char c = groovy.charAt(i);
            if (c == '\n') line++;
            if (c == '/' && i + 1 < groovy.length() && groovy.charAt(i + 1) == '/') {
                while (i < groovy.length() && groovy.charAt(i) != '\n') i++;
                line++;
            } else if (c == '\'' || c == '"') {
                int end = i + 1;
                while (end < groovy.length() && groovy.charAt(end) != c && groovy.charAt(end) != '\n') {
                    if (groovy.charAt(end) == '\\') end++;
                    end++;
                }
                if (end >= groovy.length() || groovy.charAt(end) != c) return "string not closed on line " + line;
                i = end;
            } else if ("{([".indexOf(c) >= 0) {
                open.push(c);
            } else if ("})]".indexOf(c) >= 0) {
                char expected = c == '}' ? '{' : c == ')' ? '(' : '[';
                if (open.isEmpty() || open.pop() != expected) return "unexpected " + c + " on line " + line;
            }
        }
        return open.isEmpty() ? "" : open.size() + " bracket(s) not closed";
    }
}
