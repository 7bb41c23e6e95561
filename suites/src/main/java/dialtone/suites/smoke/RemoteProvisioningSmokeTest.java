package dialtone.suites.smoke;

import dialtone.suites.RackDeviceTest;
import org.testng.annotations.Factory;
import org.testng.annotations.Test;

/**
 * The field guide's provisioning process on one phone, end to end: factory reset, Provision phone
 * with a verification code, remote sign-in through the Device Login portal. One instance per rack
 * phone; all phones run at once.
 */
public class RemoteProvisioningSmokeTest extends RackDeviceTest {

    @Factory(dataProvider = RACK_PHONES, dataProviderClass = RackDeviceTest.class)
    public RemoteProvisioningSmokeTest(String deviceId) {
        super(deviceId);
    }

    @Test(description = "Factory reset, provision with a verification code, sign in remotely")
    public void provisionAndSignInRemotely() {
        describe("Provision and sign in remotely", "Provisioning process",
                "Verification code on the phone, then remote sign-in with a device login code");
        new RemoteProvisioningFlow(lab, phone, evidence).run();
    }
}
