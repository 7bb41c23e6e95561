package dialtone.simulator.phone;

/** What a technician does with their fingers, for tests that need a phone provisioned but do not test the screens. */
public final class Technician {
    private Technician() {}

    /** Gear, Provision phone, the code, Next. */
    public static void enterVerificationCode(VirtualPhone phone, String code) {
        phone.openSettings();
        phone.openProvisionPhone();
        phone.typeCode(code);
        phone.submitCode();
    }

    /** Try again on the failure screen, the code again, Next. */
    public static void retryVerificationCode(VirtualPhone phone, String code) {
        phone.tryAgain();
        phone.typeCode(code);
        phone.submitCode();
    }

    /** The organization name the sign-in screen shows, or null. */
    public static String organizationShown(VirtualPhone phone) {
        return phone.view().organizationName();
    }

    /** The phone's logcat buffer, as {@code logcat -d} prints it. */
    public static String logcat(VirtualPhone phone) {
        return phone.shell("logcat", java.util.List.of("-d"));
    }
}
