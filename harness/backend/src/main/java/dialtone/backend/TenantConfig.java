package dialtone.backend;

import java.util.List;
import java.util.Objects;

/**
 * A Microsoft 365 tenant the backend emulates. The admin token names the tenant on every admin call.
 * {@link #toString()} never shows the admin token or passwords.
 */
public record TenantConfig(String tenantId, String organizationName, String adminToken, List<UserAccount> users) {
    public TenantConfig {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(adminToken, "adminToken");
        if (tenantId.equals("organizations") || tenantId.equals("common") || !tenantId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("tenant id \"" + tenantId + "\" is reserved or not URL-safe");
        }
        organizationName = organizationName == null ? tenantId : organizationName;
        users = List.copyOf(users == null ? List.of() : users);
    }

    public TenantConfig withUser(UserAccount user) {
        List<UserAccount> more = new java.util.ArrayList<>(users);
        more.add(user);
        return new TenantConfig(tenantId, organizationName, adminToken, more);
    }

    public TenantConfig withOrganizationName(String name) {
        return new TenantConfig(tenantId, name, adminToken, users);
    }

    @Override
    public String toString() {
        return "TenantConfig[tenantId=" + tenantId + ", organizationName=" + organizationName
                + ", adminToken=***, users=" + users + "]";
    }
}
