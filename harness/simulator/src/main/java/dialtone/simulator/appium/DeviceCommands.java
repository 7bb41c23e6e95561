package dialtone.simulator.appium;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dialtone.simulator.ui.Bounds;
import dialtone.simulator.ui.PageSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Whole-phone commands: page source, screenshot, window rect, {@code mobile:} scripts and keys. */
final class DeviceCommands {

    private static final int KEYCODE_BACK = 4;

    private final Function<CommandRequest, Session> sessions;

    DeviceCommands(Function<CommandRequest, Session> sessions) {
        this.sessions = sessions;
    }

    void register(CommandRouter r) {
        r.get("/session/{sessionId}/source", req -> PageSource.toXml(sessions.apply(req).screen()));
        r.get("/session/{sessionId}/screenshot", this::screenshot);
        r.get("/session/{sessionId}/window/rect", this::windowRect);
        r.post("/session/{sessionId}/execute/sync", this::executeSync);
        r.post("/session/{sessionId}/appium/device/press_keycode", req -> pressKey(sessions.apply(req), req.integer("keycode")));
        r.post("/session/{sessionId}/back", req -> pressKey(sessions.apply(req), KEYCODE_BACK));
    }

    private Object screenshot(CommandRequest req) throws InterruptedException {
        Session s = sessions.apply(req);
        s.awaitUiResponsive();
        return Base64.getEncoder().encodeToString(s.device().screenshotPng());
    }

    private Object windowRect(CommandRequest req) {
        var screen = sessions.apply(req).device().screen();
        return ElementCommands.rect(new Bounds(0, 0, screen.width(), screen.height()));
    }

    private Object executeSync(CommandRequest req) throws InterruptedException {
        Session s = sessions.apply(req);
        String script = req.string("script");
        JsonNode args = req.body().get("args");
        if (args != null && !args.isNull() && !args.isArray()) {
            throw W3CError.INVALID_ARGUMENT.exception("Parameter 'args' must be an array, got " + args);
        }
        JsonNode first = args != null && args.size() > 0 ? args.get(0) : JsonNodeFactory.instance.objectNode();
        if (!first.isObject()) {
            throw W3CError.INVALID_ARGUMENT.exception("'" + script + "' expects args[0] to be an object, got " + first);
        }
        String name = script.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        return switch (name) {
            case "mobile: shell" -> shell(s, (ObjectNode) first);
            case "mobile: presskey" -> {
                JsonNode keycode = first.get("keycode");
                if (keycode == null || keycode.isNull()) {
                    throw W3CError.INVALID_ARGUMENT.exception("'mobile: pressKey' needs args[0].keycode (integer)");
                }
                yield pressKey(s, CommandRequest.integer("keycode", keycode));
            }
            default -> {
                if (name.startsWith("mobile:")) {
                    throw W3CError.UNKNOWN_COMMAND.exception("Unknown mobile command '" + script
                            + "'. The virtual phone supports: mobile: shell, mobile: pressKey");
                }
                throw W3CError.UNSUPPORTED_OPERATION.exception("JavaScript cannot be executed in the native context of a phone; "
                        + "only 'mobile:' commands are supported");
            }
        };
    }

    private static Object shell(Session s, ObjectNode a) {
        JsonNode command = a.get("command");
        if (command == null || !command.isTextual() || command.asText().isBlank()) {
            throw W3CError.INVALID_ARGUMENT.exception("'mobile: shell' needs args[0].command (non-empty string), got " + command);
        }
        List<String> args = new ArrayList<>();
        JsonNode as = a.get("args");
        if (as != null && !as.isNull()) {
            if (as.isTextual()) {
                args.add(as.asText());
            } else if (as.isArray()) {
                for (Iterator<JsonNode> it = as.elements(); it.hasNext(); ) {
                    JsonNode x = it.next();
                    args.add(x.isTextual() ? x.asText() : x.toString());
                }
            } else {
                throw W3CError.INVALID_ARGUMENT.exception("'mobile: shell' args[0].args must be a string or an array of strings, got " + as);
            }
        }
        String stdout = s.device().shell(command.asText(), args);
        if (a.path("includeStderr").asBoolean(false)) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("stdout", stdout);
            out.put("stderr", "");
            return out;
        }
        return stdout;
    }

    static Object pressKey(Session s, long keycode) throws InterruptedException {
        if (keycode < 0 || keycode > Integer.MAX_VALUE) {
            throw W3CError.INVALID_ARGUMENT.exception("keycode out of range: " + keycode);
        }
        s.awaitUiResponsive();
        s.device().pressKey((int) keycode);
        return null;
    }
}
