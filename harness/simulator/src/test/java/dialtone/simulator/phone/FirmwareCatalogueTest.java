package dialtone.simulator.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dialtone.model.profile.FirmwareVersion;
import dialtone.model.rack.TimeScale;
import dialtone.model.yaml.YamlException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The shipped firmware catalogue: lines per model, what differs between them, and strict loading. */
class FirmwareCatalogueTest {
    private final FirmwareCatalogue catalogue = FirmwareCatalogue.shipped();

    @Test
    void everyFirmwareOfTheFieldGuideHasItsLine() {
        for (String model : new String[] {"poly-ccx500", "poly-ccx600"}) {
            assertThat(line(model, "7.0.2.1072").name()).isEqualTo("7.x");
            assertThat(line(model, "7.2.1.1707").name()).isEqualTo("7.x");
            assertThat(line(model, "8.1.6.1006").name()).isEqualTo("8.x");
            assertThat(line(model, "9.0.0.10315").name()).isEqualTo("9.x");
        }
        assertThat(line("poly-trio-c60", "7.0.2.1071").name()).isEqualTo("7.x");
        assertThat(line("poly-trio-c60", "7.2.1.1712").name()).isEqualTo("7.x");
        assertThat(line("poly-trio-c60", "8.1.6.1005").name()).isEqualTo("8.x");
        assertThat(catalogue.lines("poly-ccx600")).extracting(FirmwareLine::name).containsExactly("6.x", "7.x", "8.x", "9.x");
    }

    @Test
    void linesDifferInWordingIdsLayoutAndAndroid() {
        FirmwareLine seven = line("poly-ccx500", "7.2.1.1707");
        FirmwareLine nine = line("poly-ccx500", "9.0.0.10315");
        assertThat(seven.text("provisionItem")).isEqualTo("Provision phone");
        assertThat(nine.text("provisionItem")).isEqualTo("Provision device");
        assertThat(seven.id("provisionItem")).isEqualTo("provision_phone");
        assertThat(nine.id("provisionItem")).isEqualTo("provision_device");
        assertThat(seven.id("settingsList")).isNotEqualTo(nine.id("settingsList"));
        assertThat(seven.settingsLayout()).isEqualTo(FirmwareLine.SettingsLayout.GRID);
        assertThat(nine.settingsLayout()).isEqualTo(FirmwareLine.SettingsLayout.LIST);
        assertThat(seven.android()).isEqualTo("9");
        assertThat(nine.android()).isEqualTo("12");
        assertThat(line("poly-trio-c60", "8.1.6.1005").homeLayout()).isEqualTo(FirmwareLine.HomeLayout.CONFERENCE);
        assertThat(seven.homeLayout()).isEqualTo(FirmwareLine.HomeLayout.DESK);
        assertThat(line("poly-ccx500", "6.2.0.100").remoteProvisioning()).as("below the remote-provisioning minimum").isFalse();
        assertThat(line("poly-ccx500", "6.2.0.100").companyPortal()).as("6.2 does not enrol").isFalse();
        assertThat(seven.companyPortal()).isTrue();
        // distinct messages per backend error code
        assertThat(java.util.stream.Stream.of("invalid_code", "expired_code", "used_code", "wrong_device", "too_many_attempts")
                .map(seven::provisioningMessage).distinct()).hasSize(5);
        assertThat(seven.provisioningMessage("something_new")).isEqualTo(seven.provisioningMessage("other"));
    }

    @Test
    void anUnknownFirmwareListsTheKnownLines() {
        assertThatThrownBy(() -> line("poly-ccx600", "5.9.1"))
                .hasMessageContaining("firmware 5.9.1 of poly-ccx600 is not in the simulator's firmware catalogue")
                .hasMessageContaining("known lines: 6.x from 6.0.0, 7.x from 7.0.2.1072, 8.x from 8.1.6.1006, 9.x from 9.0.0.10315");
        assertThatThrownBy(() -> line("poly-trio-c60", "7.0.2.1000")).as("below the line's first version")
                .hasMessageContaining("7.x from 7.0.2.1071");
        assertThatThrownBy(() -> line("poly-vvx", "7.0.2.1072")).hasMessageContaining("no virtual model for profile 'poly-vvx'");
    }

    @Test
    void timingsComeFromTheLineTimesTheScaleKeepingTheirRatios() {
        FirmwareLine nine = line("poly-ccx500", "9.0.0.10315");
        assertThat(nine.timings().boot()).isEqualTo(Duration.ofSeconds(75));
        SimulatorTiming fast = SimulatorTiming.of(nine, new TimeScale(0.01));
        SimulatorTiming slow = SimulatorTiming.of(nine, new TimeScale(0.1));
        assertThat(fast.boot()).isEqualTo(Duration.ofMillis(750));
        assertThat(slow.boot()).isEqualTo(Duration.ofMillis(7500));
        assertThat((double) fast.boot().toMillis() / fast.provisioning().toMillis())
                .isEqualTo((double) slow.boot().toMillis() / slow.provisioning().toMillis());
        assertThat(line("poly-trio-c60", "8.1.6.1005").timings().boot()).as("model override").isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void aTypoOrABadValueIsNamedWithItsKey() throws IOException {
        String shipped = shippedText();
        assertThatThrownBy(() -> FirmwareCatalogue.parse("c.yaml", shipped.replace("          provisionItem: Provision device", "          provisonItem: Provision device")))
                .isInstanceOf(YamlException.class)
                .hasMessageContaining("c.yaml: models.poly-ccx500.lines.9.x.texts.provisonItem: unknown key");
        assertThatThrownBy(() -> FirmwareCatalogue.parse("c.yaml", shipped.replace("timings: {boot: 75s, provisioning: 8s}", "timings: {boot: soon}")))
                .hasMessageContaining("lines.9.x.timings.boot: must be a duration");
        assertThatThrownBy(() -> FirmwareCatalogue.parse("c.yaml", shipped.replace("layout: {settings: list}", "layout: {settings: carousel}")))
                .hasMessageContaining("must be one of [grid, list], found 'carousel'");
        assertThatThrownBy(() -> FirmwareCatalogue.parse("c.yaml", shipped.replace("        from: 9.0.0.10315", "        from: 8.0.0")))
                .hasMessageContaining("lines.9.x.from: must be a version of line 9.x");
        assertThatThrownBy(() -> FirmwareCatalogue.parse("c.yaml", shipped.replace("linesOf: poly-ccx500", "linesOf: poly-ccx700")))
                .hasMessageContaining("models.poly-ccx600.linesOf: must name a model listed before this one");
    }

    private FirmwareLine line(String model, String firmware) {
        return catalogue.line(model, FirmwareVersion.parse(firmware));
    }

    private static String shippedText() throws IOException {
        try (InputStream in = FirmwareCatalogue.class.getResourceAsStream("/" + FirmwareCatalogue.RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
