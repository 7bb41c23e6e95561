package dialtone.model.device;

/** Answer to {@code POST /device/v1/devices/{mac}/enroll}: the phone is enrolled in Intune as {@code managementType}. */
public record EnrollReply(boolean enrolled, String managementType) {
    public static final String DEVICE_ADMINISTRATOR = "deviceAdministrator";
}
