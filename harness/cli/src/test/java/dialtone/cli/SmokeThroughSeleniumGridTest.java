package dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dialtone.core.failure.FailureCategory;
import dialtone.core.failure.FailureClassifier;
import dialtone.model.rack.Rack;
import dialtone.model.rack.Racks;
import dialtone.core.phone.Phone;
import dialtone.model.profile.DeviceProfile;
import dialtone.model.profile.DeviceProfiles;
import dialtone.model.rack.AdbAddress;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke suite through a real Selenium Grid 4: a hub and two relay nodes on loopback, each in its
 * own JVM on the Grid's classpath, in front of the virtual rack ({@code dialtone grid up}). The run
 * knows only the hub's URL; every phone's session is created by the relay node holding its slot.
 */
class SmokeThroughSeleniumGridTest {
    @TempDir
    Path dir;

    @Test
    void everyPhoneSessionGoesThroughTheHubToItsRelayNode() throws Exception {
        Workspace ws = Workspace.current();
        Path rackFile = FreePortRack.write(ws.defaultRack(), dir.resolve("rack.yaml"));
        List<String> udids = Racks.load(rackFile).devices().stream().map(d -> d.adb().serial()).toList();
        Path gridDir = dir.resolve("grid");
        try (GridCommand.VirtualGrid grid = GridCommand.VirtualGrid.start(ws, rackFile, null, 2, gridDir, dir.resolve("grid-rack.yaml"))) {
            URI hub = grid.grid().hubUrl();
            JsonNode status = grid.grid().status();
            assertThat(status.path("ready").asBoolean()).isTrue();
            assertThat(status.path("nodes")).as("two relay nodes").hasSize(2);
            assertThat(GridConfig.slottedPhones(status)).containsExactlyInAnyOrderElementsOf(udids);

            Rack served = Racks.load(grid.servedRack());
            assertThat(served.appium().url()).as("the run knows only the hub").contains(hub);
            assertThat(served.devices()).allSatisfy(d -> assertThat(d.appiumServer()).contains(grid.launcher().lab().appiumUrl()));

            // doctor: the hub is ready with a slot per phone; a phone no node relays is named
            Doctor.Check ok = new Doctor().appium(new Doctor.Target(served, null, null, Optional.empty(), hub, false, Map.of()));
            assertThat(ok.ok()).as(ok.line()).isTrue();
            assertThat(ok.detail()).contains("Selenium Grid with 2 node(s), a slot for each of 3 phones");
            Path extra = Files.writeString(dir.resolve("extra.yaml"), Files.readString(grid.servedRack())
                    .replace(udids.get(0), "127.0.0.1:" + FreePortRack.freePort()));
            Doctor.Check missing = new Doctor().appium(new Doctor.Target(Racks.load(extra), null, null, Optional.empty(), hub, false, Map.of()));
            assertThat(missing.ok()).isFalse();
            assertThat(missing.detail()).contains("has no slot for ccx500-1 (127.0.0.1:");
            assertThat(missing.fix()).contains("dialtone grid config --rack");

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = Cli.run(out, "run", "smoke", "--rack", grid.servedRack().toString(), "--reports", dir.resolve("reports").toString());
            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(exit).as(printed).isZero();
            assertThat(printed).contains("3 passed, 0 failed, 0 skipped");

            // each phone's sessions were made by a relay node, with the harness's routing capabilities
            String nodeLogs = nodeLogs(gridDir);
            for (Rack.Device d : served.devices()) {
                assertThat(nodeLogs).as("a node relayed a session of " + d.id())
                        .containsPattern("Session created by the Node.*appium:udid=" + d.adb().serial().replace(".", "\\.")
                                + "[,}]")
                        .containsPattern("Session created by the Node.*poly:model=" + d.profile());
            }

            // a phone the Grid has no slot for fails as an infrastructure problem naming the phone (the hub's TOML
            // rejects unsupported capabilities and bounds the queue at 30 s, so it never queues for minutes)
            Rack.Device ccx500 = served.devices().get(0);
            Rack.Device noSlot = new Rack.Device("no-slot", ccx500.profile(), AdbAddress.parse("127.0.0.1:" + FreePortRack.freePort()),
                    Optional.empty(), Optional.empty(), ccx500.power());
            DeviceProfile profile = DeviceProfiles.loadDirectory(ws.profiles(null)).get(ccx500.profile());
            try (Phone phone = new Phone(noSlot, profile, hub.toURL())) {
                assertThatThrownBy(phone::driver)
                        .satisfies(e -> assertThat(FailureClassifier.classify(e).category()).isEqualTo(FailureCategory.INFRASTRUCTURE))
                        .hasMessageContaining("no-slot: no Appium session (appium:udid " + noSlot.adb().serial() + ", poly:model poly-ccx500) from " + hub)
                        .hasMessageContaining("No nodes support the capabilities");
            }
        }
        assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", URI.create(hubOf(gridDir)).getPort()).close())
                .as("the hub is stopped").isInstanceOf(java.net.ConnectException.class);
    }

    private static String nodeLogs(Path gridDir) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(gridDir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".log") && !f.getFileName().toString().equals("hub.log")).toList()) {
                all.append(Files.readString(f));
            }
        }
        return all.toString();
    }

    /** The hub URL its TOML names. */
    private static String hubOf(Path gridDir) throws Exception {
        String toml = Files.readString(gridDir.resolve("hub.toml"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^port = (\\d+)").matcher(toml);
        assertThat(m.find()).isTrue();
        return "http://127.0.0.1:" + m.group(1);
    }
}
