package dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dialtone.model.rack.Rack;
import dialtone.model.rack.Racks;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay-node and hub TOML `dialtone grid config` writes, and the command's checks of the rack. */
class GridConfigTest {
    private static final Pattern CONFIGS = Pattern.compile("\"1\", (\"(?:[^\"\\\\]|\\\\.)*\")");

    @TempDir
    Path dir;

    /** A lab rack behind a Grid: two phones on lab-host-1's Appium server, one on lab-host-2's. */
    private Path labRack(String appium, String... servers) throws Exception {
        String[][] phones = {{"desk-12", "poly-ccx600", "9.0.0.10315"}, {"desk-13", "poly-ccx500", "7.2.1.1707"}, {"boardroom", "poly-trio-c60", "8.1.6.1005"}};
        StringBuilder y = new StringBuilder("name: lab\nbackend: {url: http://backend:8080, tenant: contoso, adminTokenEnv: T}\nappium: " + appium + "\ndevices:\n");
        for (int i = 0; i < phones.length; i++) {
            y.append("  - {id: ").append(phones[i][0]).append(", profile: ").append(phones[i][1]).append(", adb: '10.20.0.").append(12 + i)
                    .append(":5555', firmware: ").append(phones[i][2]).append(servers.length > 0 ? ", appiumServer: '" + servers[i] + "'" : "").append("}\n");
        }
        return Files.writeString(dir.resolve("lab.yaml"), y);
    }

    @Test
    void oneRelayNodePerAppiumServerWithASlotPerPhone() throws Exception {
        Rack rack = Racks.load(labRack("http://grid-hub:4444", "http://lab-host-1:4723", "http://lab-host-2:4723", "http://lab-host-1:4723"));
        List<GridConfig.RelayNode> nodes = GridConfig.relayNodes(rack.devices(), rack.appium().url().orElseThrow(), 1, GridCommand::androidVersion);

        assertThat(nodes).extracting(GridConfig.RelayNode::name).containsExactly("lab-host-1-4723", "lab-host-2-4723");
        assertThat(nodes.get(0).phones()).extracting(GridConfig.Stereotype::udid).containsExactly("10.20.0.12:5555", "10.20.0.14:5555");
        assertThat(nodes.get(0).phones().get(0).capabilities()).containsExactly(
                java.util.Map.entry("platformName", "android"), java.util.Map.entry("appium:automationName", "UiAutomator2"),
                java.util.Map.entry("appium:udid", "10.20.0.12:5555"), java.util.Map.entry("poly:model", "poly-ccx600"),
                java.util.Map.entry("appium:platformVersion", "12"));
        assertThat(nodes.get(1).phones().get(0).platformVersion()).as("firmware 7.x of a CCX 500 runs Android 9").isEqualTo("9");

        String toml = GridConfig.nodeToml(nodes.get(0), new GridConfig.Hub("grid-hub", 4444, 4442, 4443), "", 5555);
        assertThat(toml).contains("[server]\nport = 5555\n").doesNotContain("host = ")
                .contains("detect-drivers = false").contains("grid-url = \"http://grid-hub:4444\"")
                .contains("max-sessions = 2\noverride-max-sessions = true")
                .contains("publish = \"tcp://grid-hub:4442\"").contains("subscribe = \"tcp://grid-hub:4443\"")
                .contains("[relay]\nurl = \"http://lab-host-1:4723\"").contains("status-endpoint = \"/status\"");
        Matcher m = CONFIGS.matcher(toml);
        ObjectMapper json = new ObjectMapper();
        List<String> udids = new java.util.ArrayList<>();
        while (m.find()) {
            String unquoted = m.group(1).substring(1, m.group(1).length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
            JsonNode stereotype = json.readTree(unquoted);
            udids.add(stereotype.path("appium:udid").asText());
        }
        assertThat(udids).as("each stereotype is a JSON string in configs").containsExactly("10.20.0.12:5555", "10.20.0.14:5555");
    }

    @Test
    void severalNodesPerServerGetDisjointPhones() throws Exception {
        Rack rack = Racks.load(labRack("http://appium-host:4723"));
        List<GridConfig.RelayNode> nodes = GridConfig.relayNodes(rack.devices(), rack.appium().url().orElseThrow(), 2, GridCommand::androidVersion);
        assertThat(nodes).extracting(GridConfig.RelayNode::name).containsExactly("appium-host-4723-1", "appium-host-4723-2");
        assertThat(nodes).allSatisfy(n -> assertThat(n.appiumServer()).isEqualTo(URI.create("http://appium-host:4723")));
        assertThat(nodes.get(0).phones()).extracting(GridConfig.Stereotype::udid).containsExactly("10.20.0.12:5555", "10.20.0.14:5555");
        assertThat(nodes.get(1).phones()).extracting(GridConfig.Stereotype::udid).containsExactly("10.20.0.13:5555");
        assertThatThrownBy(() -> GridConfig.relayNodes(rack.devices(), URI.create("http://a:1"), 0, GridCommand::androidVersion))
                .hasMessage("--nodes must be at least 1, found 0");
    }

    @Test
    void theHubFailsRequestsItCannotServeInsteadOfQueueingThemForMinutes() {
        String hub = GridConfig.hubToml(new GridConfig.Hub("127.0.0.1", 4444, 4442, 4443), true);
        assertThat(hub).contains("host = \"127.0.0.1\"\nport = 4444").contains("publish = \"tcp://127.0.0.1:4442\"")
                .contains("session-request-timeout = " + GridConfig.SESSION_REQUEST_TIMEOUT_S).contains("reject-unsupported-caps = true");
        assertThat(GridConfig.hubToml(new GridConfig.Hub("grid-hub", 4444, 4442, 4443), false))
                .doesNotContain("host = ").contains("publish = \"tcp://*:4442\"");
        assertThat(GridConfig.quoted("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThatThrownBy(() -> GridConfig.quoted("a\nb")).hasMessageContaining("control character");
    }

    @Test
    void gridConfigWritesTheFilesAndHowToStartEachNode() throws Exception {
        Path rack = labRack("http://grid-hub:4444", "http://lab-host-1:4723", "http://lab-host-2:4723", "http://lab-host-1:4723");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Cli.run(out, "grid", "config", "--rack", rack.toString(), "--out", dir.resolve("grid").toString());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();
        assertThat(dir.resolve("grid/hub.toml")).isRegularFile();
        assertThat(Files.readString(dir.resolve("grid/lab-host-2-4723.toml"))).contains("\\\"appium:udid\\\":\\\"10.20.0.13:5555\\\"");
        assertThat(printed).contains("org.openqa.selenium.grid.Main hub --config " + dir.resolve("grid/hub.toml"))
                .contains("org.openqa.selenium.grid.Main node --config " + dir.resolve("grid/lab-host-1-4723.toml"))
                .contains("2 phone(s) relayed to http://lab-host-1:4723");
    }

    @Test
    void gridConfigNamesWhatIsMissing() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Cli.run(out, "grid", "config", "--rack", Workspace.current().defaultRack().toString())).isEqualTo(Main.HARNESS_ERROR);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("a virtual rack (appium: embedded) serves its phones itself: `dialtone grid up`");

        Path plain = labRack("http://appium-host:4723");
        out.reset();
        assertThat(Cli.run(out, "grid", "config", "--rack", plain.toString())).isEqualTo(Main.HARNESS_ERROR);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("give the hub's URL with --hub");

        out.reset();
        assertThat(Cli.run(out, "grid", "up", "--rack", plain.toString())).isEqualTo(Main.HARNESS_ERROR);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("grid up starts a virtual rack (appium: embedded); for a lab rack use grid config");
        out.reset();
        assertThat(Cli.run(out, "grid", "up", "--nodes", "0")).isEqualTo(Main.HARNESS_ERROR);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--nodes must be at least 1, found 0");

        // a real phone without firmware in the rack: its Android version comes from the phone, which must answer
        Path unreachable = Files.writeString(dir.resolve("real.yaml"), Files.readString(plain)
                .replace("adb: '10.20.0.12:5555', firmware: 9.0.0.10315", "adb: '127.0.0.1:" + FreePortRack.freePort() + "'"));
        out.reset();
        assertThat(Cli.run(out, "grid", "config", "--rack", unreachable.toString(), "--hub", "http://grid-hub:4444",
                "--out", dir.resolve("g2").toString())).isEqualTo(Main.HARNESS_ERROR);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("cannot read the Android version of desk-12 over ADB");
    }
}
