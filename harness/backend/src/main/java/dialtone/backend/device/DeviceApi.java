package dialtone.backend.device;

import dialtone.backend.ApiException;
import dialtone.backend.JsonBodies;
import dialtone.backend.admin.ProvisioningService;
import dialtone.backend.identity.DeviceCodeGrant;
import dialtone.backend.store.AccessGrant;
import dialtone.model.Mac;
import dialtone.model.device.CommandResult;
import dialtone.model.device.DeviceCommands;
import dialtone.model.device.DeviceHello;
import dialtone.model.device.ProvisionReply;
import dialtone.model.device.ProvisionRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;

/**
 * What phones call ({@code /device/v1/devices/{mac}/...}, MAC in any accepted spelling). Every
 * call marks the phone as seen (online). {@code hello}, {@code provision} and {@code factoryReset}
 * are open (a reset phone has no credential); the others need the phone's credential in
 * {@code X-Device-Secret} while it has one (see {@link PhoneService#requireCredential}).
 */
public final class DeviceApi {
    static final int DEFAULT_WAIT_SECONDS = 25;

    private final PhoneService phones;
    private final ProvisioningService provisioning;
    private final CommandChannel commands;
    private final DeviceCodeGrant grant;
    private final JsonBodies bodies;
    private final Duration maxWait;

    public DeviceApi(PhoneService phones, ProvisioningService provisioning, CommandChannel commands,
                     DeviceCodeGrant grant, JsonBodies bodies, Duration maxWait) {
        this.phones = phones;
        this.provisioning = provisioning;
        this.commands = commands;
        this.grant = grant;
        this.bodies = bodies;
        this.maxWait = maxWait;
    }

    public void register(RoutesConfig routes) {
        String base = "/device/v1/devices/{mac}";
        routes.post(base + "/hello", ctx -> {
            Mac mac = JsonBodies.mac(ctx);
            DeviceHello hello = bodies.read(ctx, DeviceHello.class,
                    "{\"model\",\"manufacturer\",\"firmware\",\"serialNumber\",\"teamsVersion\"}");
            ctx.json(phones.hello(mac, hello));
        });
        routes.post(base + "/factoryReset", ctx -> {
            phones.factoryReset(JsonBodies.mac(ctx));
            ctx.status(204);
        });
        routes.post(base + "/provision", ctx -> {
            Mac mac = seen(ctx);
            ProvisionRequest request = bodies.read(ctx, ProvisionRequest.class, "{\"verificationCode\"}");
            ctx.json(provisioning.provision(mac, request.verificationCode()));
        });
        routes.get(base + "/commands", this::commands);
        routes.post(base + "/commands/{id}/result", ctx -> {
            Mac mac = authenticated(ctx);
            CommandResult result = bodies.read(ctx, CommandResult.class,
                    "{\"userCode\",\"verificationUri\",\"expiresIn\"} or {\"error\"}");
            if (!commands.complete(mac, ctx.pathParam("id"), result)) {
                throw new ApiException(404, "unknown_command", "no command " + ctx.pathParam("id")
                        + " is waiting for an answer from " + mac + " (unknown, already answered or timed out)");
            }
            ctx.status(204);
        });
        routes.post(base + "/signedIn", ctx -> {
            Mac mac = authenticated(ctx);
            AccessGrant access = grant.accessGrant(bearer(ctx)).orElseThrow(() ->
                    new ApiException(401, "unauthorized", "signedIn needs Authorization: Bearer <access token>"
                            + " from the token endpoint; the token is missing, unknown or expired"));
            ctx.json(phones.signedIn(mac, access));
        });
        routes.post(base + "/signedOut", ctx -> {
            phones.signedOut(authenticated(ctx));
            ctx.status(204);
        });
    }

    /** The long-poll: answers as soon as a command is queued, or with none after {@code waitSeconds}. */
    private void commands(Context ctx) {
        Mac mac = authenticated(ctx);
        int waitSeconds = DEFAULT_WAIT_SECONDS;
        String text = ctx.queryParam("waitSeconds");
        if (text != null) {
            try {
                waitSeconds = Integer.parseInt(text.strip());
            } catch (NumberFormatException e) {
                waitSeconds = -1;
            }
            if (waitSeconds < 0 || waitSeconds > maxWait.toSeconds()) {
                throw ApiException.badRequest("invalid_request", "waitSeconds must be a whole number from 0 to "
                        + maxWait.toSeconds());
            }
        }
        Duration wait = Duration.ofSeconds(Math.min(waitSeconds, maxWait.toSeconds()));
        ctx.future(() -> commands.next(mac, wait).thenAccept(list -> {
            phones.seen(mac);
            ctx.json(new DeviceCommands(list));
        }));
    }

    private Mac seen(Context ctx) {
        Mac mac = JsonBodies.mac(ctx);
        phones.seen(mac);
        return mac;
    }

    /** The phone's credential checked, then marked seen (a refused call does not make a phone look online). */
    private Mac authenticated(Context ctx) {
        Mac mac = JsonBodies.mac(ctx);
        phones.requireCredential(mac, ctx.header(ProvisionReply.DEVICE_SECRET_HEADER));
        phones.seen(mac);
        return mac;
    }

    private static String bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).strip();
    }
}
