package dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `dialtone run chaos` refuses what it cannot do before anything starts; its options belong to it alone. */
class ChaosRunOptionsTest {
    @TempDir
    Path reports;

    private String run(int expectedExit, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Cli.run(out, args);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isEqualTo(expectedExit);
        return printed;
    }

    @Test
    void fewerThanTwelvePhonesIsAHarnessError() {
        assertThat(run(Main.HARNESS_ERROR, "run", "chaos", "--phones", "5", "--reports", reports.toString()))
                .contains("a chaos run needs at least 12 phones, got --phones 5");
    }

    @Test
    void morePlantedDefectsThanPhonesIsAHarnessError() {
        assertThat(run(Main.HARNESS_ERROR, "run", "chaos", "--planted-defects", "13", "--reports", reports.toString()))
                .contains("--planted-defects must be from 0 to 12, got 13");
    }

    @Test
    void anUnknownDefectToPlantIsAHarnessErrorNamingTheKnownOnes() {
        assertThat(run(Main.HARNESS_ERROR, "run", "chaos", "--defects", "orgNameMissing,meltdown", "--reports", reports.toString()))
                .contains("--defects must name some of orgNameMissing, wrongDeviceLoginCode, signInNeverCompletes, provisioningHangs, got orgNameMissing,meltdown");
    }

    @Test
    void chaosOptionsOnAnotherSuiteAreAHarnessErrorNamingThem() {
        assertThat(run(Main.HARNESS_ERROR, "run", "smoke", "--seed", "4", "--reports", reports.toString()))
                .contains("--seed, --phones, --fault-rate, --planted-defects, --defects and --adb-base-port are options of `dialtone run chaos`, not of suite smoke");
    }
}
