package dialtone.model.teamwork;

/**
 * Graph (beta) {@code teamworkDeviceHealth}, {@code GET /beta/teamwork/devices/{id}/health}: the
 * part Dialtone uses, the software the device last reported (its hello at boot).
 */
public record TeamworkDeviceHealth(String id, TeamworkSoftwareUpdateHealth softwareUpdateHealth) {
}
