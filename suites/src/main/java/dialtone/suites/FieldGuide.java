package dialtone.suites;

/**
 * The sections of the field guide (shared/seed: "Remote device provisioning") that name the
 * report's epic and features, so a validator finds a failing step under the guide's own words.
 */
public final class FieldGuide {
    public static final String EPIC = "Remote device provisioning";
    public static final String PROVISIONING_PROCESS = "Provisioning Process";
    public static final String PREPARE_DEVICE = "Prepare Device";
    public static final String PROVISION_DEVICE = "Provision Device";
    public static final String SIGN_IN = "Sign In to Teams";
    public static final String ADDITIONAL_GUIDANCE = "Additional Guidance";
    public static final String SOME_DEVICES = "Remotely Provision Some Devices";
    public static final String MANY_DEVICES = "Remotely Provision Many Devices";

    private FieldGuide() {}
}
