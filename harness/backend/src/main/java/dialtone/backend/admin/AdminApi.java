package dialtone.backend.admin;

import com.fasterxml.jackson.core.type.TypeReference;
import dialtone.backend.ApiException;
import dialtone.backend.JsonBodies;
import dialtone.backend.TenantConfig;
import dialtone.model.Mac;
import dialtone.model.provisioning.ApiError;
import dialtone.model.provisioning.NewDevice;
import dialtone.model.provisioning.ProvisioningState;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/** TAC's admin API; the bearer admin token names the tenant. (The Graph-like inventory is {@code teamwork.TeamworkApi}.) */
public final class AdminApi {
    private static final TypeReference<List<NewDevice>> NEW_DEVICES = new TypeReference<>() {
    };

    private final ProvisioningService provisioning;
    private final AdminAuth auth;
    private final JsonBodies bodies;

    public AdminApi(ProvisioningService provisioning, AdminAuth auth, JsonBodies bodies) {
        this.provisioning = provisioning;
        this.auth = auth;
        this.bodies = bodies;
    }

    public void register(RoutesConfig routes) {
        String base = "/admin/v1/provisioning";
        routes.post(base + "/devices", ctx -> ctx.json(provisioning.addDevices(tenant(ctx),
                bodies.read(ctx, NEW_DEVICES.getType(), "a JSON array of {\"macAddress\",\"location\"} objects"))));
        routes.post(base + "/devices/upload", this::upload);
        routes.get(base + "/template", ctx -> {
            tenant(ctx);
            ctx.header("Content-Disposition", "attachment; filename=\"" + ProvisioningCsv.FILE_NAME + "\"");
            ctx.contentType("text/csv; charset=utf-8").result(ProvisioningCsv.template());
        });
        routes.get(base + "/devices", ctx -> {
            TenantConfig tenant = tenant(ctx);
            ctx.json(provisioning.devices(tenant, state(ctx.queryParam("state"))));
        });
        routes.get(base + "/summary", ctx -> ctx.json(provisioning.summary(tenant(ctx))));
        routes.post(base + "/devices/{mac}/verificationCode",
                ctx -> ctx.json(provisioning.issueVerificationCode(tenant(ctx), JsonBodies.mac(ctx))));
        routes.post(base + "/verificationCodes", ctx -> ctx.json(provisioning.issueVerificationCodes(tenant(ctx))));
        routes.post(base + "/devices/{mac}/signIn", this::remoteSignIn);
        routes.delete(base + "/devices/{mac}", ctx -> {
            provisioning.delete(tenant(ctx), JsonBodies.mac(ctx));
            ctx.status(204);
        });
    }

    /** The CSV is the body, as {@code text/csv} (a browser's {@code fetch} of the chosen file; no multipart). */
    private void upload(Context ctx) {
        TenantConfig tenant = tenant(ctx);
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
        if (!type.startsWith("text/csv") && !type.startsWith("text/plain")) {
            throw new ApiException(415, "unsupported_media_type", "send " + ProvisioningCsv.FILE_NAME
                    + " as the request body with Content-Type: text/csv" + (type.isEmpty() ? "" : " (got " + type + ")"));
        }
        ctx.json(provisioning.upload(tenant, JsonBodies.bytes(ctx)));
    }

    private void remoteSignIn(Context ctx) {
        TenantConfig tenant = tenant(ctx);
        Mac mac = JsonBodies.mac(ctx);
        ctx.future(() -> provisioning.remoteSignIn(tenant, mac).handle((signIn, failure) -> {
            if (failure == null) {
                ctx.json(signIn);
                return null;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            ApiException error = cause instanceof ApiException api ? api
                    : new ApiException(500, "internal_error", "remote sign-in failed unexpectedly");
            ctx.status(error.status()).json(new ApiError(error.error(), error.getMessage()));
            return null;
        }));
    }

    private static Optional<ProvisioningState> state(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        if (text.equals(ProvisioningState.WAITING_ON_ACTIVATION.wireName())) {
            return Optional.of(ProvisioningState.WAITING_ON_ACTIVATION);
        }
        if (text.equals(ProvisioningState.WAITING_FOR_SIGN_IN.wireName())) {
            return Optional.of(ProvisioningState.WAITING_FOR_SIGN_IN);
        }
        throw ApiException.badRequest("invalid_state", "unknown state \"" + text
                + "\"; expected waitingOnActivation or waitingForSignIn (or none for both tabs)");
    }

    private TenantConfig tenant(Context ctx) {
        return auth.tenant(ctx);
    }
}
