package dialtone.backend;

import dialtone.backend.store.BackendStore;
import dialtone.model.DeviceAdministratorEnrollment;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The tenants and accounts the backend emulates, read from the store on every call (so admin
 * changes are seen at once and survive restarts). {@link BackendConfig}'s tenants seed it. Every
 * change is one store transaction that replaces one tenant's {@link TenantConfig} whole, so a
 * reader never sees half a change.
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

    /**
     * Adds an account to a tenant, or replaces the tenant's account of the same UPN. A UPN names
     * one account across all tenants, so one belonging to another tenant is refused (409 {@code upn_taken}).
     */
    public TenantConfig putUser(String tenantId, UserAccount account) {
        return store.inTransaction(() -> {
            Optional<Member> existing = member(account.upn());
            if (existing.isPresent() && !existing.get().tenant().tenantId().equals(requireTenant(tenantId).tenantId())) {
                throw ApiException.conflict("upn_taken", "the user principal name " + account.upn()
                        + " belongs to another organization");
            }
            return replace(tenantId, t -> t.withUser(account));
        });
    }

    /** The tenant's Intune settings; a null argument keeps that setting as it is. */
    public TenantConfig updateEnrollment(String tenantId, Boolean intuneEnrollmentRequired,
                                         DeviceAdministratorEnrollment deviceAdministratorEnrollment) {
        return replace(tenantId, t -> t.withEnrollment(
                intuneEnrollmentRequired == null ? t.intuneEnrollmentRequired() : intuneEnrollmentRequired,
                deviceAdministratorEnrollment == null ? t.deviceAdministratorEnrollment() : deviceAdministratorEnrollment));
    }

    /** Replaces an existing account (found by UPN, case-insensitive) with what {@code change} makes of it. */
    public Member updateAccount(String upn, UnaryOperator<UserAccount> change) {
        return store.inTransaction(() -> {
            Member member = member(upn).orElseThrow(() -> new IllegalStateException("no account " + upn));
            replace(member.tenant().tenantId(), t -> t.withUser(change.apply(member.account())));
            return member(upn).orElseThrow();
        });
    }

    /** Adds an account to a tenant; the UPN must be new in every tenant (IllegalArgumentException otherwise). */
    public TenantConfig addUser(String tenantId, UserAccount user) {
        return store.inTransaction(() -> {
            if (member(user.upn()).isPresent()) {
                throw new IllegalArgumentException("user principal name " + user.upn() + " is taken");
            }
            return replace(tenantId, t -> t.withUser(user));
        });
    }

    /** Applies {@code change} to the tenant, saves it and returns the changed tenant. */
    public TenantConfig replace(String tenantId, UnaryOperator<TenantConfig> change) {
        return store.inTransaction(() -> {
            TenantConfig current = requireTenant(tenantId);
            TenantConfig changed = change.apply(current);
            if (!changed.tenantId().equals(current.tenantId())) {
                throw new IllegalArgumentException("a tenant's id cannot change");
            }
            save(changed);
            return changed;
        });
    }

    /** An account together with the tenant it belongs to. */
    public record Member(TenantConfig tenant, UserAccount account) {
    }
}
