package dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** executor.json from CI variables, environment.properties escaping, and bad usage exiting 3. */
class ReportMetadataTest {
    @Test
    void theExecutorNamesTheCiBuildWhenThereIsOne() {
        Executor github = Executor.fromEnvironment(Map.of("GITHUB_ACTIONS", "true", "GITHUB_SERVER_URL", "https://github.com",
                "GITHUB_REPOSITORY", "lab/dialtone", "GITHUB_RUN_ID", "4242", "GITHUB_RUN_NUMBER", "17", "GITHUB_WORKFLOW", "nightly"), "Dialtone nightly on lab-a");
        assertThat(github).isEqualTo(new Executor("Dialtone", "github", "https://github.com/lab/dialtone", "17", "nightly #17",
                "https://github.com/lab/dialtone/actions/runs/4242", "Dialtone nightly on lab-a"));

        Executor jenkins = Executor.fromEnvironment(Map.of("BUILD_URL", "https://ci.lab/job/phones/12/", "JENKINS_URL", "https://ci.lab/",
                "BUILD_NUMBER", "12", "JOB_NAME", "phones"), "r");
        assertThat(jenkins.type()).isEqualTo("jenkins");
        assertThat(jenkins.buildName()).isEqualTo("phones #12");
        assertThat(jenkins.buildUrl()).isEqualTo("https://ci.lab/job/phones/12/");

        Executor gitlab = Executor.fromEnvironment(Map.of("GITLAB_CI", "true", "CI_PROJECT_URL", "https://gitlab.lab/p",
                "CI_PIPELINE_IID", "3", "CI_PROJECT_PATH", "lab/p", "CI_JOB_URL", "https://gitlab.lab/p/-/jobs/9"), "r");
        assertThat(gitlab.buildUrl()).isEqualTo("https://gitlab.lab/p/-/jobs/9");

        Executor local = Executor.fromEnvironment(Map.of("HOSTNAME", "bench-7"), "Dialtone smoke on virtual");
        assertThat(local).isEqualTo(new Executor("Dialtone", "local", null, null, "Dialtone smoke on virtual on bench-7", null,
                "Dialtone smoke on virtual"));
    }

    @Test
    void environmentKeysAndValuesReadBackAsWritten() throws IOException {
        Map<String, String> env = Map.of("Firmware CCX 500", "7.2.1.1707, 9.0.0.10315", "Rack", "lab a (C:\\racks\\a.yaml)",
                "odd=key:#!", " leading space\nand a newline");
        StringBuilder file = new StringBuilder();
        env.forEach((k, v) -> file.append(AllureReport.escape(k, true)).append('=').append(AllureReport.escape(v, false)).append('\n'));
        Properties read = new Properties();
        read.load(new StringReader(file.toString()));
        env.forEach((k, v) -> assertThat(read.getProperty(k)).as(k).isEqualTo(v));
        assertThat(read).hasSize(env.size());
    }

    @Test
    void badUsageIsAHarnessError() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Cli.run(out, "run", "smoke", "--progress", "sometimes")).isEqualTo(Main.HARNESS_ERROR);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--progress must be auto, live, lines or off, got 'sometimes'");
        assertThat(Cli.run(new ByteArrayOutputStream(), "run", "smoke", "--no-such-option")).isEqualTo(3);
        assertThat(Cli.run(new ByteArrayOutputStream(), "run", "no-such-suite")).isEqualTo(3);
        ByteArrayOutputStream help = new ByteArrayOutputStream();
        assertThat(Cli.run(help, "--help")).isZero();
        assertThat(help.toString(StandardCharsets.UTF_8)).contains("1   product defects", "2   only infrastructure or environment failures",
                "3   harness error", "report");
    }
}
