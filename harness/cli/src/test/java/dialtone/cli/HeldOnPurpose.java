package dialtone.cli;

import dialtone.suites.RackDeviceTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.testng.annotations.Factory;
import org.testng.annotations.Parameters;
import org.testng.annotations.Test;

/**
 * A suite class for {@link KilledRunTest}: on every phone a test that holds (says so with a file
 * per phone) for as long as the suite's {@code holdFile} exists. Its {@code <test>} comes after
 * {@link FinishesAtOnce}'s, so those have finished when these hold.
 */
public class HeldOnPurpose extends RackDeviceTest {
    @Factory(dataProvider = RACK_PHONES, dataProviderClass = RackDeviceTest.class)
    public HeldOnPurpose(String deviceId) {
        super(deviceId);
    }

    @Test
    @Parameters("holdFile")
    public void heldWhileTheHoldFileExists(String holdFile) throws Exception {
        describe("Held", "Run", "A test still running when the run is killed");
        Path hold = Path.of(holdFile);
        Files.writeString(holding(hold, deviceId()), "");
        Awaitility.await("hold file " + hold + " gone").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> !Files.exists(hold));
    }

    static Path holding(Path hold, String device) {
        return hold.resolveSibling(hold.getFileName() + "." + device + ".holding");
    }
}
