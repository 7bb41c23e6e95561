package dialtone.backend;

import dialtone.model.DeviceAdministratorEnrollment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The tenants and accounts the backend emulates: those of {@link BackendConfig}, plus users the
 * admins create and tenant changes they make. Reads see an immutable snapshot; every change
 * replaces one tenant's {@link TenantConfig} whole, under one lock, so a reader never sees half a change.
 */
public final class Directory {
    private volatile List<TenantConfig> tenants;

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

    /**
     * Adds an account to a tenant, or replaces the tenant's account of the same UPN. A UPN names
     * one account across all tenants, so one belonging to another tenant is refused.
     */
    public synchronized TenantConfig putUser(String tenantId, UserAccount account) {
        Optional<Member> existing = member(account.upn());
        if (existing.isPresent() && !existing.get().tenant().tenantId().equals(requireTenant(tenantId).tenantId())) {
            throw ApiException.conflict("upn_taken", "the user principal name " + account.upn()
                    + " belongs to another organization");
        }
        return replace(tenantId, t -> t.withUser(account));
    }

    /** The tenant's Intune settings; a null argument keeps that setting as it is. */
    public synchronized TenantConfig updateEnrollment(String tenantId, Boolean intuneEnrollmentRequired,
                                                      DeviceAdministratorEnrollment deviceAdministratorEnrollment) {
        return replace(tenantId, t -> t.withEnrollment(
                intuneEnrollmentRequired == null ? t.intuneEnrollmentRequired() : intuneEnrollmentRequired,
                deviceAdministratorEnrollment == null ? t.deviceAdministratorEnrollment() : deviceAdministratorEnrollment));
    }

    /** Replaces an existing account (found by UPN, case-insensitive) with what {@code change} makes of it. */
    public synchronized Member updateAccount(String upn, UnaryOperator<UserAccount> change) {
        Member member = member(upn).orElseThrow(() -> new IllegalStateException("no account " + upn));
        replace(member.tenant().tenantId(), t -> t.withUser(change.apply(member.account())));
        return member(upn).orElseThrow();
    }

    /** Adds an account to a tenant; the UPN must be new in every tenant (IllegalArgumentException otherwise). */
    public synchronized TenantConfig addUser(String tenantId, UserAccount user) {
        if (member(user.upn()).isPresent()) {
            throw new IllegalArgumentException("user principal name " + user.upn() + " is taken");
        }
        return replace(tenantId, t -> t.withUser(user));
    }

    /** Applies {@code change} to the tenant and returns the changed tenant. */
    public synchronized TenantConfig replace(String tenantId, UnaryOperator<TenantConfig> change) {
        TenantConfig changed = change.apply(requireTenant(tenantId));
        if (!changed.tenantId().equals(tenantId)) {
            throw new IllegalArgumentException("a tenant's id cannot change");
        }
        List<TenantConfig> next = new ArrayList<>(tenants);
        next.replaceAll(t -> t.tenantId().equals(tenantId) ? changed : t);
        tenants = List.copyOf(next);
        return changed;
    }

    /** An account together with the tenant it belongs to. */
    public record Member(TenantConfig tenant, UserAccount account) {
    }
}
