package dialtone.model.teamwork;

/** Graph {@code teamworkSoftwareUpdateHealth}: the firmware and the Teams app of a device. */
public record TeamworkSoftwareUpdateHealth(
        TeamworkSoftwareUpdateStatus firmwareSoftwareUpdateStatus,
        TeamworkSoftwareUpdateStatus teamsClientSoftwareUpdateStatus) {
}
