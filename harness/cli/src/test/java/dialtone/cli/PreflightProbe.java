package dialtone.cli;

import dialtone.suites.RackDeviceTest;
import org.testng.annotations.Factory;
import org.testng.annotations.Test;

/** A one-test suite class for {@link PreflightOnVirtualRackTest}: reads the phone's firmware over ADB. */
public class PreflightProbe extends RackDeviceTest {
    @Factory(dataProvider = RACK_PHONES, dataProviderClass = RackDeviceTest.class)
    public PreflightProbe(String deviceId) {
        super(deviceId);
    }

    @Test
    public void readsFirmware() {
        describe("Reads the firmware", "Rack", "Preflight");
    }
}
