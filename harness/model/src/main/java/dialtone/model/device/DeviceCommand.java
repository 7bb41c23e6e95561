package dialtone.model.device;

/** One queued command; the phone answers it at {@code .../commands/{id}/result}. */
public record DeviceCommand(String id, DeviceCommandType type, String tenantId) {
}
