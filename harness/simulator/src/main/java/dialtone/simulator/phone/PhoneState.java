package dialtone.simulator.phone;

/**
 * The screens a virtual phone can be on, as the field guide walks them. {@link VirtualPhone} is
 * the one place that moves between them.
 */
public enum PhoneState {
    /** Rebooting or factory resetting: no ADB, no Appium. */
    BOOTING,
    /** Teams sign-in screen: device login code, gear icon, org name once provisioned. */
    SIGN_IN,
    /** Gear → Settings: the Provision phone item before sign-in (on lines that have it), Sign out once signed in. */
    SETTINGS,
    /** Provision phone: dial pad for the verification code. */
    PROVISION_CODE,
    /** "Several seconds" of processing after Next. */
    PROVISIONING,
    /** Provisioned: a success screen, then back to sign-in with the org name. */
    PROVISIONING_SUCCEEDED,
    /** The code was refused; the message says why. */
    PROVISIONING_FAILED,
    /** Remote sign-in in progress: locked, showing the device login code for the admin. */
    REMOTE_SIGN_IN,
    /** Company Portal enrolment after the grant: "Verifying a few things…", then registering. */
    COMPANY_PORTAL,
    /** Teams signs the account in. */
    SIGNING_IN,
    /** Home screen for the account's policy: Common Area Phone, user, or meeting room. */
    HOME,
    /** Settings → Sign out asks for confirmation. */
    SIGN_OUT_CONFIRM,
    /** The account's password expired: current and new password, Update. */
    PASSWORD_EXPIRED,
    /** Switched off (its PoE port or PDU outlet): no ADB, no Appium, a dark screen until powered on. */
    POWERED_OFF
}
