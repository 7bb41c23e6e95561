package dialtone.backend;

import dialtone.model.DeviceAdministratorEnrollment;
import dialtone.model.device.EnrollmentPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Microsoft 365 tenant the backend emulates. The admin token names the tenant on every admin call.
 * Intune settings: must phones enrol before they may use an account ({@code intuneEnrollmentRequired},
 * firmware newer than 6.2 honours it) and is Android device-administrator enrolment allowed.
 * {@link #toString()} never shows the admin token or passwords.
 */
public record TenantConfig(String tenantId, String organizationName, String adminToken, List<UserAccount> users,
                           boolean intuneEnrollmentRequired, DeviceAdministratorEnrollment deviceAdministratorEnrollment) {
    public TenantConfig {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(adminToken, "adminToken");
        if (tenantId.equals("organizations") || tenantId.equals("common") || !tenantId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("tenant id \"" + tenantId + "\" is reserved or not URL-safe");
        }
        organizationName = organizationName == null ? tenantId : organizationName;
        users = List.copyOf(users == null ? List.of() : users);
        deviceAdministratorEnrollment = deviceAdministratorEnrollment == null
                ? DeviceAdministratorEnrollment.ALLOWED : deviceAdministratorEnrollment;
    }

    /** A tenant that does not require enrolment and allows device-administrator enrolment. */
    public TenantConfig(String tenantId, String organizationName, String adminToken, List<UserAccount> users) {
        this(tenantId, organizationName, adminToken, users, false, DeviceAdministratorEnrollment.ALLOWED);
    }

    public EnrollmentPolicy enrollmentPolicy() {
        return new EnrollmentPolicy(intuneEnrollmentRequired,
                deviceAdministratorEnrollment == DeviceAdministratorEnrollment.ALLOWED);
    }

    public TenantConfig withEnrollment(boolean required, DeviceAdministratorEnrollment deviceAdministrator) {
        return new TenantConfig(tenantId, organizationName, adminToken, users, required, deviceAdministrator);
    }

    /** This tenant with {@code account} added, or replacing the account of the same UPN (case-insensitive). */
    public TenantConfig withUser(UserAccount account) {
        List<UserAccount> changed = new ArrayList<>(users);
        for (int i = 0; i < changed.size(); i++) {
            if (changed.get(i).upn().equalsIgnoreCase(account.upn())) {
                changed.set(i, account);
                return with(changed);
            }
        }
        changed.add(account);
        return with(changed);
    }

    private TenantConfig with(List<UserAccount> changed) {
        return new TenantConfig(tenantId, organizationName, adminToken, changed, intuneEnrollmentRequired,
                deviceAdministratorEnrollment);
    }

    public TenantConfig withOrganizationName(String name) {
        return new TenantConfig(tenantId, name, adminToken, users, intuneEnrollmentRequired, deviceAdministratorEnrollment);
    }

    @Override
    public String toString() {
        return "TenantConfig[tenantId=" + tenantId + ", organizationName=" + organizationName
                + ", adminToken=***, users=" + users + ", intuneEnrollmentRequired=" + intuneEnrollmentRequired
                + ", deviceAdministratorEnrollment=" + deviceAdministratorEnrollment + "]";
    }
}
