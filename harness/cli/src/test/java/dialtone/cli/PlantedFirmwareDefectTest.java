package dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A firmware defect planted on one phone of the virtual rack (the simulator's control API, before
 * the suite starts) turns exactly that phone's smoke test red under "Product defects"; the other
 * phones pass and the run's exit code says product defects.
 */
class PlantedFirmwareDefectTest {
    private static final String DEFECTIVE = "ccx600-1";

    @TempDir
    Path reports;

    @Test
    void orgNameMissingOnOnePhoneIsAProductDefectOfThatPhoneOnly() throws Exception {
        Workspace ws = Workspace.current();
        Path rack = FreePortRack.write(ws.defaultRack(), reports.resolve("rack.yaml"));
        AllureReport report = new AllureReport(reports, ws.allureHome(), ws.categories());
        RunSummary summary;
        try (LabLauncher launcher = LabLauncher.start(new LabLauncher.Options(ws.home(), rack, Set.of(), null, "htmlunit", Map.of()))) {
            String control = launcher.virtualRack().orElseThrow().controlUrl();
            HttpResponse<String> injected = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(control + "/sim/v1/devices/" + DEFECTIVE + "/faults"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"defect\",\"name\":\"orgNameMissing\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(injected.statusCode()).as(injected.body()).isEqualTo(200);
            launcher.awaitVirtualPhonesBooted(Duration.ofMinutes(1));
            report.prepare();
            summary = launcher.with(() -> SuiteRunner.run(ws.suite("smoke"), Map.of(), report.results(), launcher.lab(),
                    new LiveProgress(System.out, LiveProgress.Mode.OFF, System::nanoTime, 120)));
        }

        assertThat(summary.exitCode()).isEqualTo(Main.PRODUCT_DEFECTS);
        Map<String, String> byDevice = new TreeMap<>();
        summary.outcomes().forEach(o -> byDevice.put(o.device(), o.result()));
        assertThat(byDevice).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ccx500-1", "passed", DEFECTIVE, "PRODUCT DEFECT", "trio-c60-1", "passed"));

        Map<String, JsonNode> results = new TreeMap<>();
        new AllureResults(report.results()).tests().forEach(t -> results.put(AllureResults.parameter(t, "device"), t));
        assertThat(results).containsOnlyKeys("ccx500-1", DEFECTIVE, "trio-c60-1");
        JsonNode red = results.get(DEFECTIVE);
        assertThat(red.path("status").asText()).isEqualTo("failed");
        assertThat(red.path("statusDetails").path("message").asText()).contains("shows no organization name");
        assertThat(AllureResults.categories(red, ws.categories())).as("report categories of " + DEFECTIVE).containsExactly("Product defects");
        for (String phone : new String[] {"ccx500-1", "trio-c60-1"}) {
            assertThat(results.get(phone).path("status").asText()).as(phone).isEqualTo("passed");
            assertThat(AllureResults.categories(results.get(phone), ws.categories())).as("report categories of " + phone).isEmpty();
        }
    }
}
