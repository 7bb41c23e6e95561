package dialtone.suites;

import dialtone.core.evidence.Evidence;
import dialtone.core.lab.Lab;
import dialtone.core.phone.Phone;
import io.qameta.allure.Allure;
import io.qameta.allure.model.Label;
import io.qameta.allure.testng.TestInstanceParameter;
import org.testng.annotations.AfterClass;
import org.testng.annotations.DataProvider;

/**
 * A suite class instantiated once per rack phone ({@code @Factory}), so TestNG's
 * {@code parallel="instances"} drives every phone at once. Labels each Allure result with the
 * device, its model and the firmware it reports.
 */
public abstract class RackDeviceTest {
    @TestInstanceParameter("device")
    private final String deviceId;

    protected final Lab lab;
    protected final Phone phone;
    protected final Evidence evidence;
    private volatile String reportedFirmware = "-";

    protected RackDeviceTest(String deviceId) {
        this.deviceId = deviceId;
        this.lab = Lab.current();
        this.phone = lab.phone(deviceId);
        this.evidence = new Evidence(phone, () -> lab.admin().audit(phone.mac()));
    }

    /** Name of the data provider that gives a suite class one instance per phone of the run. */
    public static final String RACK_PHONES = "rackPhones";

    /** The device id of every phone of the run: use with {@code @Factory(dataProvider = RACK_PHONES, ...)} on the constructor. */
    @DataProvider(name = RACK_PHONES)
    public static Object[][] rackPhones() {
        return Lab.current().devices().stream().map(d -> new Object[] {d.id()}).toArray(Object[][]::new);
    }

    public String deviceId() { return deviceId; }

    public String profileId() { return phone.profile().id(); }

    /** The firmware the phone reported over ADB at the start of the test ("-" before that). */
    public String reportedFirmware() { return reportedFirmware; }

    /** Call first in every test: reads the firmware and labels the Allure result. */
    protected void describe(String title, String feature, String story) {
        reportedFirmware = phone.firmware().toString();
        String model = phone.profile().manufacturer() + " " + phone.profile().model();
        // Allure's TestNG listener labels the result with the TestNG suite; the report groups by model and device instead.
        Allure.getLifecycle().updateTestCase(tc -> {
            tc.setName(title + " — " + deviceId);
            tc.getLabels().removeIf(l -> l.getName().equals("parentSuite") || l.getName().equals("suite"));
            tc.getLabels().add(new Label().setName("parentSuite").setValue(model));
            tc.getLabels().add(new Label().setName("suite").setValue(deviceId));
        });
        Allure.epic("Remote provisioning");
        Allure.feature(feature);
        Allure.story(story);
        Allure.parameter("model", phone.profile().model());
        Allure.parameter("firmware", reportedFirmware);
    }

    @AfterClass(alwaysRun = true)
    public void releasePhone() {
        phone.close();
    }
}
