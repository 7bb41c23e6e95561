package dialtone.model.device;

/**
 * Body of {@code POST /device/v1/devices/{mac}/password}: the signed-in account's expired
 * password replaced on the phone itself. {@code toString()} hides both passwords.
 */
public record PasswordChange(String upn, String currentPassword, String newPassword) {
    @Override
    public String toString() {
        return "PasswordChange[upn=" + upn + ", currentPassword=***, newPassword=***]";
    }
}
