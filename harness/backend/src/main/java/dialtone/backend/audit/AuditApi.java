package dialtone.backend.audit;

import dialtone.backend.ApiException;
import dialtone.backend.admin.AdminAuth;
import dialtone.model.InvalidMacException;
import dialtone.model.Mac;
import io.javalin.config.RoutesConfig;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** {@code GET /admin/v1/audit?mac=...&since=...}: the admin's tenant's events, oldest first. */
public final class AuditApi {
    private final AuditLog audit;
    private final AdminAuth auth;

    public AuditApi(AuditLog audit, AdminAuth auth) {
        this.audit = audit;
        this.auth = auth;
    }

    public void register(RoutesConfig routes) {
        routes.get("/admin/v1/audit", ctx -> {
            String tenantId = auth.tenant(ctx).tenantId();
            ctx.json(audit.of(tenantId, mac(ctx.queryParam("mac")), since(ctx.queryParam("since"))));
        });
    }

    private static Mac mac(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Mac.parse(text);
        } catch (InvalidMacException e) {
            throw ApiException.badRequest("invalid_mac", e.getMessage());
        }
    }

    private static Instant since(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid_request", "since must be an ISO-8601 UTC time such as"
                    + " 2025-03-01T09:00:00Z");
        }
    }
}
