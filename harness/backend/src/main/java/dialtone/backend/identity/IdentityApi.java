package dialtone.backend.identity;

import io.javalin.config.RoutesConfig;

/** The Entra-shaped endpoints of the device-code grant (form-encoded requests, JSON answers). */
public final class IdentityApi {
    private final DeviceCodeGrant grant;

    public IdentityApi(DeviceCodeGrant grant) {
        this.grant = grant;
    }

    public void register(RoutesConfig routes) {
        routes.post("/{tenant}/oauth2/v2.0/devicecode", ctx -> ctx.json(grant.start(ctx.pathParam("tenant"),
                ctx.formParam("client_id"), ctx.formParam("scope"))));
        routes.post("/{tenant}/oauth2/v2.0/token", ctx -> ctx.json(grant.token(ctx.pathParam("tenant"),
                ctx.formParam("grant_type"), ctx.formParam("client_id"), ctx.formParam("device_code"),
                ctx.formParam("refresh_token"))));
    }
}
