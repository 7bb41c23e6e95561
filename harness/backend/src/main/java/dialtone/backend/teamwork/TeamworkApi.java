package dialtone.backend.teamwork;

import dialtone.backend.AdminAuth;
import dialtone.backend.ApiException;
import dialtone.backend.Directory;
import dialtone.backend.TenantConfig;
import dialtone.backend.store.PhoneEntry;
import dialtone.model.teamwork.TeamworkDeviceList;
import dialtone.model.teamwork.TeamworkDeviceOperation;
import dialtone.model.teamwork.TeamworkDeviceOperationList;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * The Graph (beta) device inventory an admin reads ({@code /beta/teamwork/devices}) and its
 * {@code restart} action with the operations it creates. The admin token names the tenant; another
 * tenant's device is "not found", as if it did not exist.
 */
public final class TeamworkApi {
    static final String DEVICES = "/beta/teamwork/devices";

    private final TeamworkService teamwork;
    private final DeviceOperations operations;
    private final Directory directory;

    public TeamworkApi(TeamworkService teamwork, DeviceOperations operations, Directory directory) {
        this.teamwork = teamwork;
        this.operations = operations;
        this.directory = directory;
    }

    public void register(RoutesConfig routes) {
        routes.get(DEVICES, ctx -> ctx.json(new TeamworkDeviceList(teamwork.devices(tenant(ctx)))));
        routes.get(DEVICES + "/{id}", ctx -> ctx.json(teamwork.device(tenant(ctx), ctx.pathParam("id"))
                .orElseThrow(() -> ApiException.notFound("no teamwork device " + ctx.pathParam("id")))));
        routes.get(DEVICES + "/{id}/health", ctx -> ctx.json(teamwork.health(tenant(ctx), ctx.pathParam("id"))));
        routes.post(DEVICES + "/{id}/restart", this::restart);
        routes.get(DEVICES + "/{id}/operations", ctx -> {
            PhoneEntry phone = teamwork.requirePhone(tenant(ctx), ctx.pathParam("id"));
            ctx.json(new TeamworkDeviceOperationList(operations.list(phone.inventoryId())));
        });
        routes.get(DEVICES + "/{id}/operations/{operationId}", ctx -> {
            PhoneEntry phone = teamwork.requirePhone(tenant(ctx), ctx.pathParam("id"));
            ctx.json(operations.get(phone.inventoryId(), ctx.pathParam("operationId")));
        });
    }

    /** Graph's answer: 202 Accepted, no body, {@code Location} of the new operation. */
    private void restart(Context ctx) {
        TenantConfig tenant = tenant(ctx);
        PhoneEntry phone = teamwork.requirePhone(tenant, ctx.pathParam("id"));
        TeamworkDeviceOperation operation = operations.restart(tenant, phone);
        ctx.status(202).header("Location", DEVICES + "/" + phone.inventoryId() + "/operations/" + operation.id());
    }

    private TenantConfig tenant(Context ctx) {
        return AdminAuth.tenant(ctx, directory);
    }
}
