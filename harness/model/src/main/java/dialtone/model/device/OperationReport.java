package dialtone.model.device;

import dialtone.model.teamwork.TeamworkOperationError;

/**
 * A phone reporting how a device operation (e.g. a restart) ended:
 * {@code POST /device/v1/devices/{mac}/operations/{id}}.
 *
 * @param status {@code successful} or {@code failed}
 * @param error why it failed; {@code null} when successful
 */
public record OperationReport(String status, TeamworkOperationError error) {
}
