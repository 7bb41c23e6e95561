package dialtone.backend;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The tenants and accounts the backend emulates (from {@link BackendConfig}); read-only for now. */
public final class Directory {
    private final List<TenantConfig> tenants;

    public Directory(List<TenantConfig> tenants) {
        this.tenants = List.copyOf(tenants);
    }

    public Optional<TenantConfig> tenant(String tenantId) {
        return tenants.stream().filter(t -> t.tenantId().equalsIgnoreCase(tenantId)).findFirst();
    }

    public TenantConfig requireTenant(String tenantId) {
        return tenant(tenantId).orElseThrow(() -> new IllegalStateException("tenant " + tenantId + " is not configured"));
    }

    /** The tenant an admin token names; compares every token in constant time. */
    public Optional<TenantConfig> tenantOfAdminToken(String token) {
        TenantConfig found = null;
        for (TenantConfig t : tenants) {
            if (Secrets.constantTimeEquals(t.adminToken(), token)) {
                found = t;
            }
        }
        return Optional.ofNullable(found);
    }

    /** An account and its tenant, by user principal name (case-insensitive). */
    public Optional<Member> member(String upn) {
        if (upn == null) {
            return Optional.empty();
        }
        String wanted = upn.strip().toLowerCase(Locale.ROOT);
        for (TenantConfig t : tenants) {
            for (UserAccount u : t.users()) {
                if (u.upn().toLowerCase(Locale.ROOT).equals(wanted)) {
                    return Optional.of(new Member(t, u));
                }
            }
        }
        return Optional.empty();
    }

    public List<TenantConfig> tenants() {
        return tenants;
    }

    /** An account together with the tenant it belongs to. */
    public record Member(TenantConfig tenant, UserAccount account) {
    }
}
