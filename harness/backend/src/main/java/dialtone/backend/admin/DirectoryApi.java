package dialtone.backend.admin;

import dialtone.backend.ApiException;
import dialtone.backend.Directory;
import dialtone.backend.JsonBodies;
import dialtone.backend.TenantConfig;
import dialtone.backend.UserAccount;
import dialtone.backend.audit.AuditLog;
import dialtone.backend.store.BackendStore;
import dialtone.model.DeviceAdministratorEnrollment;
import dialtone.model.SignInMode;
import dialtone.model.directory.DirectoryUser;
import dialtone.model.directory.NewUser;
import dialtone.model.directory.TenantSettings;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The admin's own tenant: {@code GET|POST /admin/v1/users} (accounts; passwords are write-only)
 * and {@code GET|PATCH /admin/v1/tenant} (organization name and sign-in policy settings).
 */
public final class DirectoryApi {
    /** Entra's limit for a user principal name. */
    static final int MAX_UPN_LENGTH = 113;
    /** An account's access token lifetime: at most a day. */
    static final int MAX_TOKEN_LIFETIME_SECONDS = 86_400;
    static final int MAX_TEXT_LENGTH = 256;
    private static final Pattern UPN = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Set<String> DEVICE_ADMINISTRATOR_ENROLLMENT = Set.of("allowed", "blocked");

    private final Directory directory;
    private final AdminAuth auth;
    private final JsonBodies bodies;
    private final BackendStore store;
    private final AuditLog audit;

    public DirectoryApi(Directory directory, AdminAuth auth, JsonBodies bodies, BackendStore store, AuditLog audit) {
        this.directory = directory;
        this.auth = auth;
        this.bodies = bodies;
        this.store = store;
        this.audit = audit;
    }

    public void register(RoutesConfig routes) {
        routes.get("/admin/v1/users", ctx -> ctx.json(auth.tenant(ctx).users().stream().map(DirectoryApi::view).toList()));
        routes.post("/admin/v1/users", this::createUser);
        routes.get("/admin/v1/tenant", ctx -> ctx.json(settings(auth.tenant(ctx))));
        routes.patch("/admin/v1/tenant", this::updateTenant);
    }

    private void createUser(Context ctx) {
        TenantConfig tenant = auth.tenant(ctx);
        NewUser user = bodies.read(ctx, NewUser.class,
                "{\"upn\",\"displayName\",\"signInMode\",\"password\",\"passwordExpiresDateTime\",\"mfa\",\"accessTokenLifetimeSeconds\"}");
        String upn = user.upn() == null ? "" : user.upn().strip();
        if (upn.length() > MAX_UPN_LENGTH || !UPN.matcher(upn).matches()) {
            throw ApiException.badRequest("invalid_user", "upn must be a user principal name such as"
                    + " lobby.phone@contoso.example (at most " + MAX_UPN_LENGTH + " characters)");
        }
        if (user.password() == null || user.password().isBlank() || user.password().length() > MAX_TEXT_LENGTH) {
            throw ApiException.badRequest("invalid_user", "password is required (1 to " + MAX_TEXT_LENGTH
                    + " characters)");
        }
        if (user.displayName() != null && user.displayName().length() > MAX_TEXT_LENGTH) {
            throw ApiException.badRequest("invalid_user", "displayName is longer than " + MAX_TEXT_LENGTH + " characters");
        }
        Integer lifetime = user.accessTokenLifetimeSeconds();
        if (lifetime != null && (lifetime < 1 || lifetime > MAX_TOKEN_LIFETIME_SECONDS)) {
            throw ApiException.badRequest("invalid_user", "accessTokenLifetimeSeconds must be 1 to " + MAX_TOKEN_LIFETIME_SECONDS
                    + ", found " + lifetime);
        }
        SignInMode mode = user.signInMode() == null ? SignInMode.COMMON_AREA : user.signInMode();
        UserAccount account = new UserAccount(upn, blankToNull(user.displayName()), user.password(), mode,
                user.passwordExpiresDateTime(), Boolean.TRUE.equals(user.mfa()),
                lifetime == null ? null : java.time.Duration.ofSeconds(lifetime));
        try {
            store.inTransaction(() -> {
                directory.addUser(tenant.tenantId(), account);
                audit.record(tenant.tenantId(), AuditLog.ADMIN, "userCreated", null, upn);
            });
        } catch (IllegalArgumentException e) {
            throw ApiException.conflict("user_exists", "the user principal name " + upn + " is already taken");
        }
        ctx.status(201).json(view(account));
    }

    private void updateTenant(Context ctx) {
        TenantConfig tenant = auth.tenant(ctx);
        TenantSettings change = bodies.read(ctx, TenantSettings.class,
                "{\"organizationName\",\"intuneEnrollmentRequired\",\"deviceAdministratorEnrollment\"}");
        if (change.tenantId() != null && !change.tenantId().equals(tenant.tenantId())) {
            throw ApiException.badRequest("invalid_request", "tenantId cannot be changed");
        }
        String name = change.organizationName() == null ? null : change.organizationName().strip();
        if (name != null && (name.isEmpty() || name.length() > MAX_TEXT_LENGTH)) {
            throw ApiException.badRequest("invalid_request", "organizationName must be 1 to " + MAX_TEXT_LENGTH
                    + " characters");
        }
        if (change.deviceAdministratorEnrollment() != null
                && !DEVICE_ADMINISTRATOR_ENROLLMENT.contains(change.deviceAdministratorEnrollment())) {
            throw ApiException.badRequest("invalid_request", "deviceAdministratorEnrollment must be allowed or blocked");
        }
        DeviceAdministratorEnrollment deviceAdministrator = change.deviceAdministratorEnrollment() == null ? null
                : DeviceAdministratorEnrollment.valueOf(change.deviceAdministratorEnrollment().toUpperCase(java.util.Locale.ROOT));
        // one transaction: both changes and their audit events, or nothing
        TenantConfig changed = store.inTransaction(() -> {
            TenantConfig now = tenant;
            if (name != null) {
                now = directory.replace(tenant.tenantId(), t -> t.withOrganizationName(name));
                audit.record(tenant.tenantId(), AuditLog.ADMIN, "tenantUpdated", null, "organizationName " + name);
            }
            if (change.intuneEnrollmentRequired() != null || deviceAdministrator != null) {
                now = directory.updateEnrollment(tenant.tenantId(), change.intuneEnrollmentRequired(), deviceAdministrator);
                audit.record(tenant.tenantId(), AuditLog.ADMIN, "tenantUpdated", null,
                        "intuneEnrollmentRequired " + now.intuneEnrollmentRequired() + ", deviceAdministratorEnrollment "
                                + now.deviceAdministratorEnrollment().name().toLowerCase(java.util.Locale.ROOT));
            }
            return now;
        });
        ctx.json(settings(changed));
    }

    private static TenantSettings settings(TenantConfig tenant) {
        return new TenantSettings(tenant.tenantId(), tenant.organizationName(), tenant.intuneEnrollmentRequired(),
                tenant.deviceAdministratorEnrollment().name().toLowerCase(java.util.Locale.ROOT));
    }

    private static DirectoryUser view(UserAccount user) {
        return new DirectoryUser(user.upn(), user.displayName(), user.signInMode(), user.passwordExpiresDateTime(), user.mfaEnabled());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
