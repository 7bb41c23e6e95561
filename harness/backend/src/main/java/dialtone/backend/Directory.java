package dialtone.backend;

import dialtone.backend.store.BackendStore;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The tenants and accounts the backend emulates, read from the store on every call (so admin
 * changes are seen at once and survive restarts). {@link BackendConfig}'s tenants seed it.
 */
public final class Directory {
    private final BackendStore store;

    public Directory(BackendStore store) {
        this.store = store;
    }

    /** Saves each configured tenant the store does not know yet; a stored tenant (maybe changed since) wins. */
    public void seed(List<TenantConfig> configured) {
        store.inTransaction(() -> {
            for (TenantConfig tenant : configured) {
                if (store.tenants().find(tenant.tenantId()).isEmpty()) {
                    save(tenant);
                }
            }
        });
    }

    /**
     * Inserts or replaces a tenant with its accounts. Refused (409) when its admin token or one of
     * its user principal names already belongs to another tenant: a token names one tenant, an
     * account signs in to one tenant.
     */
    public void save(TenantConfig tenant) {
        store.inTransaction(() -> {
            Set<String> upns = new HashSet<>();
            for (UserAccount user : tenant.users()) {
                if (!upns.add(key(user.upn()))) {
                    throw ApiException.conflict("duplicate_user", "the account " + user.upn() + " is listed twice");
                }
            }
            for (TenantConfig other : store.tenants().all()) {
                if (other.tenantId().equalsIgnoreCase(tenant.tenantId())) {
                    continue;
                }
                if (Secrets.constantTimeEquals(other.adminToken(), tenant.adminToken())) {
                    throw ApiException.conflict("duplicate_admin_token", "that admin token already names another tenant");
                }
                for (UserAccount user : other.users()) {
                    if (upns.contains(key(user.upn()))) {
                        throw ApiException.conflict("duplicate_user", "the account " + user.upn()
                                + " already belongs to another tenant");
                    }
                }
            }
            store.tenants().save(tenant);
        });
    }

    public Optional<TenantConfig> tenant(String tenantId) {
        return store.tenants().find(tenantId);
    }

    public TenantConfig requireTenant(String tenantId) {
        return tenant(tenantId).orElseThrow(() -> new IllegalStateException("tenant " + tenantId + " is not configured"));
    }

    /** The tenant an admin token names; compares every token in constant time. */
    public Optional<TenantConfig> tenantOfAdminToken(String token) {
        TenantConfig found = null;
        for (TenantConfig t : tenants()) {
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
        String wanted = key(upn.strip());
        for (TenantConfig t : tenants()) {
            for (UserAccount u : t.users()) {
                if (key(u.upn()).equals(wanted)) {
                    return Optional.of(new Member(t, u));
                }
            }
        }
        return Optional.empty();
    }

    public List<TenantConfig> tenants() {
        return store.tenants().all();
    }

    private static String key(String upn) {
        return upn.toLowerCase(Locale.ROOT);
    }

    /** An account together with the tenant it belongs to. */
    public record Member(TenantConfig tenant, UserAccount account) {
    }
}
