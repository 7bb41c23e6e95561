package dialtone.simulator.rack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dialtone.model.rack.Rack;
import dialtone.model.rack.Racks;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RackGeneratorTest {
    static final Path VIRTUAL = Path.of("../../racks/virtual.yaml");

    @TempDir
    Path dir;

    @Test
    void phonesCycleTheTemplatesModelsWithPolyMacsAndConsecutivePorts() {
        Rack rack = RackGenerator.rack(Racks.load(VIRTUAL), 7, "127.0.0.1", 20000);
        assertThat(rack.devices()).extracting(Rack.Device::id)
                .containsExactly("ccx500-1", "ccx600-1", "trio-c60-1", "ccx500-2", "ccx600-2", "trio-c60-2", "ccx500-3");
        assertThat(rack.devices()).extracting(d -> d.mac().orElseThrow().toString())
                .containsExactly("64:16:7F:50:00:01", "64:16:7F:60:00:01", "00:04:F2:C6:00:01", "64:16:7F:50:00:02",
                        "64:16:7F:60:00:02", "00:04:F2:C6:00:02", "64:16:7F:50:00:03");
        assertThat(rack.devices()).extracting(d -> d.adb().port()).containsExactly(20000, 20001, 20002, 20003, 20004, 20005, 20006);
        assertThat(rack.devices().get(4).firmware()).isEqualTo(rack.devices().get(1).firmware());
        assertThat(rack.name()).isEqualTo("virtual-7");
    }

    @Test
    void theWrittenRackFileLoadsAndKeepsTheTemplatesBackendAndAccounts() {
        Path file = RackGenerator.write(VIRTUAL, Racks.load(VIRTUAL), 300, "127.0.0.1", 30000, dir.resolve("racks/virtual-300.yaml"));
        Rack rack = Racks.load(file);
        assertThat(rack.devices()).hasSize(300);
        assertThat(rack.devices().get(299).id()).isEqualTo("trio-c60-100");
        assertThat(rack.devices().get(299).adb().port()).isEqualTo(30299);
        assertThat(rack.name()).isEqualTo("virtual-300");
        assertThat(rack.backend().embedded()).isTrue();
        assertThat(rack.accounts()).hasSize(1);
        assertThat(rack.accounts().get(0).upn()).isEqualTo("lobby-phone@contoso.example");
    }

    @Test
    void impossibleRacksAreRefused() {
        Rack template = Racks.load(VIRTUAL);
        assertThatThrownBy(() -> RackGenerator.rack(template, 0, "127.0.0.1", 20000)).hasMessage("a rack needs at least one phone, found 0");
        assertThatThrownBy(() -> RackGenerator.rack(template, 500, "127.0.0.1", 65200)).hasMessage("adb ports 65200..65699 do not fit in 1-65535");
    }
}
