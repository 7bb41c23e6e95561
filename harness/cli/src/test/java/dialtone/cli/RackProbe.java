package dialtone.cli;

import dialtone.suites.RackDeviceTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.testng.annotations.Factory;
import org.testng.annotations.Test;

/**
 * A one-test suite class for the rack tests: reads the phone's firmware over ADB and its screen over Appium. With
 * {@code -Ddialtone.probe.millis=N} it keeps reading for N ms, and with {@code -Ddialtone.probe.log=FILE}
 * it appends "DEVICE START_MS END_MS" there: when it used which phone.
 */
public class RackProbe extends RackDeviceTest {
    /** Writes a suite XML that runs this probe on every phone of the run, in {@code dir}. */
    static java.nio.file.Path suiteIn(java.nio.file.Path dir) throws java.io.IOException {
        return java.nio.file.Files.writeString(dir.resolve("probe.xml"), """
                <!DOCTYPE suite SYSTEM "https://testng.org/testng-1.0.dtd">
                <suite name="probe" parallel="instances">
                  <test name="probe"><classes><class name="dialtone.cli.RackProbe"/></classes></test>
                </suite>
                """);
    }

    @Factory(dataProvider = RACK_PHONES, dataProviderClass = RackDeviceTest.class)
    public RackProbe(String deviceId) {
        super(deviceId);
    }

    @Test
    public void readsFirmware() {
        long start = System.currentTimeMillis();
        describe("Reads the firmware", "Rack", "Preflight");
        phone.pageSource(); // an Appium session: one per phone at a time, also when two instances share it
        long busy = Long.getLong("dialtone.probe.millis", 0);
        while (System.currentTimeMillis() - start < busy) {
            phone.firmware(); // the phone is in use all that time
        }
        String log = System.getProperty("dialtone.probe.log");
        if (log != null) {
            try {
                Files.writeString(Path.of(log), deviceId() + " " + start + " " + System.currentTimeMillis() + "\n",
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
