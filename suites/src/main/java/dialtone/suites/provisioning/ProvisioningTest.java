package dialtone.suites.provisioning;

import dialtone.core.flows.ProvisioningFlow;
import dialtone.core.flows.SignInFlow;
import dialtone.core.screen.HomeScreen;
import dialtone.model.Mac;
import dialtone.model.SignInMode;
import dialtone.model.profile.DeviceProfile;
import dialtone.model.rack.Rack;
import dialtone.suites.RackDeviceTest;

import static org.assertj.core.api.Assertions.assertThat;

/** A provisioning scenario on one rack phone: the flows, the rack's shared account, and MACs of its own for fake devices. */
abstract class ProvisioningTest extends RackDeviceTest {
    protected volatile ProvisioningFlow provisioning;
    protected volatile SignInFlow signIn;

    protected ProvisioningTest(String deviceId) {
        super(deviceId);
        phoneChanged();
    }

    /** The flows drive this instance's phone: made again when its tests move to another phone. */
    @Override
    protected void phoneChanged() {
        this.provisioning = new ProvisioningFlow(phone, lab.admin(), evidence);
        this.signIn = new SignInFlow(phone, lab.admin(), lab.portal(), evidence);
    }

    protected Rack.Account sharedAccount() {
        return lab.rack().account(SignInMode.COMMON_AREA);
    }

    protected String sharedAccountName() {
        Rack.Account account = sharedAccount();
        return account.displayName().orElse(account.upn());
    }

    protected String location() {
        return "Dialtone rack " + lab.rack().name() + " / " + deviceId();
    }

    /**
     * A MAC address no phone has, of this phone's own (its MAC with {@code firstByte} in front), so
     * phones running at once never touch each other's fake devices.
     */
    protected Mac fakeMac(int firstByte) {
        return Mac.parse(String.format("%02X", firstByte) + phone.mac().compact().substring(2));
    }

    /**
     * Remote sign-in of the rack's shared account: the phone locks and shows the code, the admin
     * types it in lower case (codes are case-insensitive), the phone reaches its shared-account home.
     */
    protected HomeScreen signInRemotely() {
        Rack.Account account = sharedAccount();
        HomeScreen home = signIn.signInRemotely(account.upn(), lab.password(account));
        assertSharedAccountHome(home);
        return home;
    }

    /** A shared account gets the Common Area Phone home on a desk phone, the meeting-room home on a conference phone. */
    protected void assertSharedAccountHome(HomeScreen home) {
        if (phone.profile().has(DeviceProfile.Feature.CONFERENCE)) {
            assertThat(home.isConferenceHome()).as("meeting-room home for a shared account on a conference phone").isTrue();
        } else {
            assertThat(home.isCommonAreaHome()).as("Common Area Phone home").isTrue();
        }
        assertThat(home.signedInUser()).isEqualTo(sharedAccountName());
    }
}
