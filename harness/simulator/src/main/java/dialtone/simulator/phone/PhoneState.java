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
    /** Gear → Settings, with the Provision phone item. */
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
    /** Company Portal and Teams screens while the account signs in. */
    SIGNING_IN,
    /** Home screen for the account's policy. */
    HOME
}
