package dialtone.simulator.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dialtone.simulator.phone.PhoneFaults;
import dialtone.simulator.phone.VirtualPhone;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's control API, on its own loopback port: the rack's phones ({@code GET /sim/v1/devices})
 * and fault injection ({@code /sim/v1/devices/{id}/faults}: POST one fault, GET the active ones,
 * DELETE all or {@code .../faults/{type}} one) and power ({@code POST /sim/v1/devices/{id}/power} with
 * {@code {"state":"off"|"on"}}, as a PoE port or PDU outlet would; GET tells). Bad requests are 400 naming what is wrong and change
 * nothing; an unknown device is 404 listing the known ids.
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/json; charset=utf-8";
    static final String BASE = "/sim/v1/devices";

    private final Map<String, VirtualPhone> phones = new LinkedHashMap<>();
    private final Consumer<String> endAppiumSessions;
    private final Javalin app;

    private ControlServer(List<VirtualPhone> phones, Consumer<String> endAppiumSessions) {
        phones.forEach(p -> this.phones.put(p.id(), p));
        this.endAppiumSessions = endAppiumSessions;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.routes.get(BASE, ctx -> send(ctx, 200, devices()));
            config.routes.get(BASE + "/{id}/faults", ctx -> send(ctx, 200, active(phone(ctx))));
            config.routes.post(BASE + "/{id}/faults", this::inject);
            config.routes.get(BASE + "/{id}/power", ctx -> send(ctx, 200, power(phone(ctx))));
            config.routes.post(BASE + "/{id}/power", this::switchPower);
            config.routes.delete(BASE + "/{id}/faults", ctx -> {
                VirtualPhone phone = phone(ctx);
                phone.faults().clearAll();
                send(ctx, 200, active(phone));
            });
            config.routes.delete(BASE + "/{id}/faults/{type}", ctx -> {
                VirtualPhone phone = phone(ctx);
                phone.faults().clear(ctx.pathParam("type"));
                send(ctx, 200, active(phone));
            });
            config.routes.exception(Problem.class, (e, ctx) -> send(ctx, e.status, error(e.error, e.getMessage())));
            config.routes.exception(IllegalArgumentException.class, (e, ctx) -> send(ctx, 400, error("bad_request", e.getMessage())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.warn("control API: {} {} failed", ctx.method(), ctx.path(), e);
                send(ctx, 500, error("internal_error", e.getClass().getSimpleName()));
            });
        });
    }

    /**
     * Starts on {@code host} (loopback), port 0 = any free port.
     *
     * @param endAppiumSessions ends the Appium sessions of a udid (the rack's Appium server)
     */
    public static ControlServer start(String host, int port, List<VirtualPhone> phones, Consumer<String> endAppiumSessions) {
        ControlServer server = new ControlServer(phones, endAppiumSessions);
        server.app.start(host, port);
        log.info("simulator control API listening on {}", server.url());
        return server;
    }

    public String url() {
        return "http://127.0.0.1:" + app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private void inject(Context ctx) {
        VirtualPhone phone = phone(ctx);
        JsonNode body = body(ctx);
        Fault fault;
        try {
            fault = Fault.parse(body);
        } catch (Fault.Invalid e) {
            throw new Problem(400, "invalid_fault", e.getMessage());
        }
        apply(phone, fault);
        ObjectNode reply = active(phone);
        reply.set("injected", body);
        send(ctx, 200, reply);
    }

    private static JsonNode body(Context ctx) {
        try {
            return JSON.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw new Problem(400, "malformed_json", "the body is not JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
    }

    /** {@code {"state":"off"}} or {@code {"state":"on"}}; anything else is 400 naming the field. */
    private void switchPower(Context ctx) {
        VirtualPhone phone = phone(ctx);
        JsonNode body = body(ctx);
        if (body == null || !body.isObject()) {
            throw new Problem(400, "invalid_power", "the body must be a JSON object such as {\"state\":\"off\"}");
        }
        for (java.util.Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("state")) throw new Problem(400, "invalid_power", "unknown field '" + name + "' (power takes only 'state')");
        }
        JsonNode state = body.get("state");
        if (state == null || !state.isTextual()) {
            throw new Problem(400, "invalid_power", "missing field 'state' (\"on\" or \"off\")");
        }
        switch (state.asText()) {
            case "on" -> phone.power(true);
            case "off" -> phone.power(false);
            default -> throw new Problem(400, "invalid_power", "field 'state' must be \"on\" or \"off\", found \"" + state.asText() + "\"");
        }
        send(ctx, 200, power(phone));
    }

    private static ObjectNode power(VirtualPhone phone) {
        return JSON.createObjectNode().put("device", phone.id()).put("state", phone.poweredOn() ? "on" : "off")
                .put("phone", phone.state().name());
    }

    private void apply(VirtualPhone phone, Fault fault) {
        PhoneFaults faults = phone.faults();
        switch (fault.type()) {
            case DROP_ADB -> faults.dropAdb();
            case KILL_APPIUM_SESSION -> {
                faults.injected("killAppiumSession");
                endAppiumSessions.accept(phone.udid());
            }
            case FREEZE_UI -> faults.freezeUi(fault.duration().orElseThrow());
            case REBOOT -> faults.reboot();
            case CUT_BACKEND -> faults.cutBackend(fault.duration());
            case SLOW_BOOT -> faults.slowBoot(fault.factor());
            case DEFECT -> faults.defect(fault.defect().orElseThrow());
            case TEAMS_APP_HUNG, SYSTEM_HUNG, WEDGED, PROVISIONING_CORRUPTED -> faults.hang(fault.hang().orElseThrow());
        }
    }

    private VirtualPhone phone(Context ctx) {
        String id = ctx.pathParam("id");
        VirtualPhone phone = phones.get(id);
        if (phone == null) {
            throw new Problem(404, "unknown_device", "no virtual phone '" + id + "' (known: " + String.join(", ", phones.keySet()) + ")");
        }
        return phone;
    }

    private ObjectNode devices() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("devices");
        for (VirtualPhone p : phones.values()) {
            list.addObject().put("id", p.id()).put("udid", p.udid()).put("adb", p.adbAddress().serial())
                    .put("mac", p.mac().toString()).put("model", p.model().model()).put("firmware", p.firmware().text())
                    .put("state", p.state().name()).put("deviceTimeMillis", p.deviceTime().toMillis());
        }
        return root;
    }

    private static ObjectNode active(VirtualPhone phone) {
        ObjectNode root = JSON.createObjectNode().put("device", phone.id());
        ArrayNode list = root.putArray("faults");
        for (PhoneFaults.Active a : phone.faults().active()) {
            ObjectNode f = list.addObject().put("type", a.type());
            if (a.expires().isPresent()) f.put("expires", a.expires().get().toString()); else f.putNull("expires");
            a.details().forEach((k, v) -> f.set(k, JSON.valueToTree(v)));
        }
        return root;
    }

    private static ObjectNode error(String error, String message) {
        return JSON.createObjectNode().put("error", error).put("message", message);
    }

    private static void send(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType(CONTENT_TYPE).result(body.toString());
    }

    private static final class Problem extends RuntimeException {
        final int status;
        final String error;

        Problem(int status, String error, String message) {
            super(message);
            this.status = status;
            this.error = error;
        }
    }
}
