package dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dialtone.model.rack.Rack;
import dialtone.model.rack.Racks;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimCommandTest {
    @TempDir
    Path dir;

    @Test
    void writeRackGeneratesALoadableRackOfNPhonesAndStartsNothing() {
        Path file = dir.resolve("virtual-30.yaml");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Cli.run(out, "sim", "--phones", "30", "--adb-base-port", "21000", "--write-rack", file.toString())).isZero();
        assertThat(out.toString()).contains("Generated 30 virtual phones in " + file);
        Rack rack = Racks.load(file);
        assertThat(rack.devices()).hasSize(30);
        assertThat(rack.devices().get(29).adb().serial()).isEqualTo("127.0.0.1:21029");
    }

    @Test
    void writeRackWithoutPhonesIsBadUsage() {
        assertThat(Cli.run(new ByteArrayOutputStream(), "sim", "--write-rack", dir.resolve("x.yaml").toString())).isEqualTo(Main.HARNESS_ERROR);
    }
}
