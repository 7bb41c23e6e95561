package dialtone.core.recovery;

import dialtone.core.phone.Phone;
import dialtone.core.screen.Screen;
import java.util.List;
import java.util.Optional;

/**
 * Whether a phone is usable right now, as every rung of the recovery ladder checks after its action:
 * ADB answers, its properties are readable and say it booted, an Appium session answers (the open one,
 * or a new one if there is none, or if the open one is from before the phone's latest boot), and the Teams
 * app shows one of its screens, a provisioning refusal included (a system dialog over it, the launcher or
 * a blank screen do not count).
 */
final class PhoneHealth {
    private PhoneHealth() {}

    /** Empty when usable, else what is wrong first. */
    static Optional<String> problem(Phone phone) {
        if (!phone.adb().reachable()) {
            return Optional.of("ADB does not answer");
        }
        try {
            if (!"1".equals(phone.adb().property("sys.boot_completed"))) {
                return Optional.of("not booted yet (sys.boot_completed is not 1)");
            }
            if (phone.adb().property(phone.profile().firmware().property()).isEmpty()) {
                return Optional.of("property " + phone.profile().firmware().property() + " is empty");
            }
        } catch (RuntimeException e) {
            return Optional.of("properties not readable: " + RecoveryLog.cause(e));
        }
        try {
            // a session the phone's own reboot ended cannot answer again: a fresh one is what the rebooted phone needs
            phone.endSessionFromEarlierBoot();
            phone.driver();
        } catch (RuntimeException e) {
            return Optional.of("no Appium session: " + RecoveryLog.cause(e));
        }
        try {
            for (Screen<?> screen : teamsScreens(phone)) {
                if (screen.isShowing()) return Optional.empty();
            }
            if (phone.provisioningResultScreen().showsRefusal()) return Optional.empty(); // the result screen's other face
            return Optional.of("the Teams app shows none of its screens");
        } catch (RuntimeException e) {
            return Optional.of("the Appium session does not answer: " + RecoveryLog.cause(e));
        }
    }

    /** The screens a usable phone rests on, most likely first. */
    private static List<Screen<?>> teamsScreens(Phone phone) {
        return List.of(phone.signInScreen(), phone.homeScreen(), phone.lockScreen(), phone.settingsScreen(),
                phone.provisionPhoneScreen(), phone.provisioningResultScreen(), phone.companyPortalScreen(),
                phone.signOutConfirmScreen(), phone.passwordExpiredScreen());
    }
}
