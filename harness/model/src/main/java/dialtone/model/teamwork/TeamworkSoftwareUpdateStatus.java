package dialtone.model.teamwork;

/**
 * Graph {@code teamworkSoftwareUpdateStatus}. {@code currentVersion} is what the phone reported
 * (null before its first hello); the emulated backend knows of no updates, so
 * {@code availableVersion} is null and {@code softwareFreshness} is {@code unknown}.
 */
public record TeamworkSoftwareUpdateStatus(String currentVersion, String availableVersion, String softwareFreshness) {
    public static final String UNKNOWN = "unknown";

    public static TeamworkSoftwareUpdateStatus current(String version) {
        return new TeamworkSoftwareUpdateStatus(version, null, UNKNOWN);
    }
}
