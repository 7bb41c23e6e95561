package dialtone.cli;

import dialtone.suites.RackDeviceTest;
import org.testng.annotations.Factory;
import org.testng.annotations.Test;

/**
 * A suite class for {@link KilledRunTest}: on every phone a test that ends at once, finished
 * before the run is killed. (A class of its own: TestNG runs the nested classes of a suite class with it.)
 */
public class FinishesAtOnce extends RackDeviceTest {
    @Factory(dataProvider = RACK_PHONES, dataProviderClass = RackDeviceTest.class)
    public FinishesAtOnce(String deviceId) {
        super(deviceId);
    }

    @Test
    public void finishesAtOnce() {
        describe("Finishes at once", "Run", "A test that ends before the run is killed");
    }
}
