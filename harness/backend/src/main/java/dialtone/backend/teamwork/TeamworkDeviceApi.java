package dialtone.backend.teamwork;

import dialtone.backend.JsonBodies;
import dialtone.backend.device.PhoneService;
import dialtone.model.Mac;
import dialtone.model.device.ProvisionReply;
import dialtone.model.device.DeviceHeartbeat;
import dialtone.model.device.HeartbeatReply;
import dialtone.model.device.OperationReport;
import dialtone.model.teamwork.TeamworkDeviceOperation;
import io.javalin.config.RoutesConfig;

/**
 * What phones call for the inventory: heartbeats ({@code healthStatus}) and the outcome of a device
 * operation they carried out. Like every device call, both mark the phone as seen.
 */
public final class TeamworkDeviceApi {
    private final TeamworkService teamwork;
    private final DeviceOperations operations;
    private final PhoneService phones;
    private final JsonBodies bodies;

    public TeamworkDeviceApi(TeamworkService teamwork, DeviceOperations operations, PhoneService phones,
                             JsonBodies bodies) {
        this.teamwork = teamwork;
        this.operations = operations;
        this.phones = phones;
        this.bodies = bodies;
    }

    public void register(RoutesConfig routes) {
        String base = "/device/v1/devices/{mac}";
        routes.post(base + "/heartbeat", ctx -> {
            Mac mac = JsonBodies.mac(ctx);
            phones.requireCredential(mac, ctx.header(ProvisionReply.DEVICE_SECRET_HEADER));
            DeviceHeartbeat beat = bodies.read(ctx, DeviceHeartbeat.class,
                    "{\"activityState\": \"busy|idle|unavailable|unknown\"}");
            HeartbeatReply reply = teamwork.heartbeat(mac, beat);
            phones.seen(mac);
            ctx.json(reply);
        });
        routes.post(base + "/operations/{operationId}", ctx -> {
            Mac mac = JsonBodies.mac(ctx);
            phones.requireCredential(mac, ctx.header(ProvisionReply.DEVICE_SECRET_HEADER));
            OperationReport report = bodies.read(ctx, OperationReport.class,
                    "{\"status\": \"successful|failed\", \"error\": {\"code\", \"message\"}}");
            TeamworkDeviceOperation operation = operations.report(mac, ctx.pathParam("operationId"), report);
            phones.seen(mac);
            ctx.json(operation);
        });
    }
}
