package dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real `dialtone run` in a child JVM killed with SIGKILL while some tests have finished and
 * others still run: every finished result is on disk and whole, `dialtone report` reports them,
 * and `dialtone rerun` runs exactly the unfinished ones.
 */
class KilledRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Process child;

    @AfterEach
    void killChild() {
        if (child != null) child.destroyForcibly();
    }

    @Test
    void aRunKilledWithSigkillKeepsEveryFinishedResultAndTheRerunRunsOnlyTheUnfinished() throws Exception {
        Path reports = dir.resolve("reports");
        Path results = reports.resolve("allure-results");
        Path rack = FreePortRack.write(Workspace.current().defaultRack(), dir.resolve("rack.yaml"));
        Path hold = Files.writeString(dir.resolve("hold"), "");
        Path suite = Files.writeString(dir.resolve("held.xml"), """
                <!DOCTYPE suite SYSTEM "https://testng.org/testng-1.0.dtd">
                <suite name="held" parallel="instances" configfailurepolicy="continue">
                  <parameter name="holdFile" value="%s"/>
                  <test name="Finishes at once"><classes><class name="%s"/></classes></test>
                  <test name="Held on purpose"><classes><class name="%s"/></classes></test>
                </suite>""".formatted(hold, FinishesAtOnce.class.getName(), HeldOnPurpose.class.getName()));
        List<String> devices = List.of("ccx500-1", "ccx600-1", "trio-c60-1");

        child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Ddialtone.home=" + Workspace.current().home(),
                "-Djava.awt.headless=true", Main.class.getName(),
                "run", suite.toString(), "--rack", rack.toString(), "--reports", reports.toString(), "--progress", "off")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            Awaitility.await("3 finished results and 3 held tests").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .failFast("the run ended", () -> !child.isAlive())
                    .until(() -> resultFiles(results).size() == 3 && devices.stream().allMatch(d -> Files.exists(HeldOnPurpose.holding(hold, d))));
        } catch (RuntimeException e) {
            throw new AssertionError(e.getMessage() + "; " + resultFiles(results).size() + " result(s); the run printed:\n"
                    + Files.readString(dir.resolve("child.log")), e);
        }
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
        assertThat(child.waitFor()).as("killed by SIGKILL").isEqualTo(128 + 9);

        List<JsonNode> finished = resultFiles(results).stream().map(KilledRunTest::json).toList();
        assertThat(finished).extracting(r -> r.path("status").asText()).containsOnly("passed");
        assertThat(finished).extracting(r -> r.path("fullName").asText()).containsOnly(FinishesAtOnce.class.getName() + ".finishesAtOnce");
        assertThat(finished).as(finished.toString()).extracting(r -> RunPlan.label(r, ResultLabels.DEVICE)).containsExactlyInAnyOrderElementsOf(devices);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Cli.run(out, "report", "--reports", reports.toString())).as(out.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode summary = json(reports.resolve("allure-report/widgets/summary.json"));
        assertThat(summary.path("statistic").path("total").asInt()).isEqualTo(3);
        assertThat(summary.path("statistic").path("passed").asInt()).isEqualTo(3);

        Files.delete(hold);
        out.reset();
        int exit = Cli.run(out, "rerun", "--reports", reports.toString(), "--progress", "off");
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();
        assertThat(printed).contains("3 of 6 planned tests have no finished result:", "Rerunning 3 unfinished test(s)", "3 passed, 0 failed, 0 skipped")
                .doesNotContain("finishesAtOnce @");
        assertThat(resultFiles(results)).hasSize(6);
        assertThat(RunPlan.read(reports).unfinished(results)).isEmpty();
        assertThat(json(reports.resolve("allure-report/widgets/summary.json")).path("statistic").path("total").asInt())
                .as("the report shows the whole run").isEqualTo(6);

        out.reset();
        assertThat(Cli.run(out, "rerun", "--reports", reports.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Nothing to rerun: every one of the 6 planned tests");
    }

    @Test
    void aRerunWithoutARunPlanIsAHarnessErrorSayingWhy() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Cli.run(out, "rerun", "--reports", dir.toString())).isEqualTo(Main.HARNESS_ERROR);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("no run plan " + dir.resolve("run/plan.json"));
    }

    private static List<Path> resultFiles(Path results) throws Exception {
        if (!Files.isDirectory(results)) return List.of();
        try (Stream<Path> files = Files.list(results)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-result.json")).toList();
        }
    }

    private static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (Exception e) {
            throw new AssertionError(file + " is no whole JSON", e);
        }
    }
}
