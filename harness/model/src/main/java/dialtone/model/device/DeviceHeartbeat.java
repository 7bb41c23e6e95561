package dialtone.model.device;

/**
 * A phone's periodic sign of life: {@code POST /device/v1/devices/{mac}/heartbeat}.
 *
 * @param activityState Graph's {@code activityState}: {@code busy}, {@code idle}, {@code unavailable} or {@code unknown}
 */
public record DeviceHeartbeat(String activityState) {
}
