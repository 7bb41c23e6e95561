package dialtone.simulator.appium;

import com.fasterxml.jackson.databind.JsonNode;
import dialtone.simulator.ui.Bounds;
import dialtone.simulator.ui.UiNode;
import dialtone.simulator.ui.UiSnapshot;
import dialtone.simulator.ui.UiTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * W3C actions ({@code POST /session/{s}/actions}): pointer sources (touch, mouse, pen) tap the
 * topmost clickable node under the point where the pointer went down and up; a long press is a
 * tap too, a drag further than {@link #TAP_SLOP_PX} does nothing (no screen scrolls). Key sources
 * press digits, Enter and Backspace as Android key events. The whole request is validated before
 * anything runs, so a bad field changes nothing.
 */
final class ActionCommands {

    private static final Logger LOG = LoggerFactory.getLogger(ActionCommands.class);
    /** How far a finger may move between down and up and still tap (Android's touch slop is ~8 dp). */
    static final int TAP_SLOP_PX = 16;
    private static final int KEYCODE_0 = 7;
    private static final int KEYCODE_ENTER = 66;
    private static final int KEYCODE_DEL = 67;
    private static final Set<String> SOURCE_TYPES = Set.of("none", "key", "pointer", "wheel");
    private static final Set<String> POINTER_TYPES = Set.of("mouse", "pen", "touch");

    private final Function<CommandRequest, Session> sessions;

    ActionCommands(Function<CommandRequest, Session> sessions) {
        this.sessions = sessions;
    }

    void register(CommandRouter r) {
        r.post("/session/{sessionId}/actions", this::perform);
        // input state lives only for one perform call, so there is nothing to release
        r.delete("/session/{sessionId}/actions", req -> {
            sessions.apply(req);
            return null;
        });
    }

    /** One validated action of one source; {@code field} names it for error messages. */
    private record Action(String source, String type, String field, JsonNode json) {
    }

    private Object perform(CommandRequest req) throws InterruptedException {
        Session s = sessions.apply(req);
        List<List<Action>> ticks = parse(req.body());
        s.awaitUiResponsive();
        Map<String, Pointer> pointers = new HashMap<>();
        for (List<Action> tick : ticks) {
            long tickMillis = 0;
            for (Action a : tick) {
                tickMillis = Math.max(tickMillis, a.json.path("duration").asLong(0));
                switch (a.type) {
                    case "pointerMove" -> pointers.computeIfAbsent(a.source, k -> new Pointer()).moveTo(target(s, a, pointers.get(a.source)));
                    case "pointerDown" -> pointers.computeIfAbsent(a.source, k -> new Pointer()).down();
                    case "pointerUp" -> pointers.computeIfAbsent(a.source, k -> new Pointer()).up(s);
                    case "pointerCancel" -> pointers.computeIfAbsent(a.source, k -> new Pointer()).pressed = false;
                    case "keyDown" -> keyDown(s, a.json.get("value").asText());
                    default -> { } // pause, keyUp, scroll: nothing on a screen that does not scroll
                }
            }
            if (tickMillis > 0) {
                TimeUnit.MILLISECONDS.sleep(tickMillis); // a pause is part of the gesture the client asked for
            }
        }
        return null;
    }

    /** A pointer's position and whether it is down (and where it went down). */
    private static final class Pointer {
        int x;
        int y;
        boolean pressed;
        int downX;
        int downY;

        void moveTo(int[] p) {
            x = p[0];
            y = p[1];
        }

        void down() {
            pressed = true;
            downX = x;
            downY = y;
        }

        void up(Session s) throws InterruptedException {
            if (!pressed) {
                return;
            }
            pressed = false;
            if (Math.abs(x - downX) > TAP_SLOP_PX || Math.abs(y - downY) > TAP_SLOP_PX) {
                LOG.debug("Swipe from ({},{}) to ({},{}) ignored: no screen scrolls", downX, downY, x, y);
                return;
            }
            UiTree tree = s.currentTree();
            UiNode hit = topmostClickableAt(tree, downX, downY);
            if (hit != null) {
                s.device().click(hit);
            } else {
                LOG.debug("Tap at ({},{}) hit nothing clickable", downX, downY);
            }
        }
    }

    /** The node a tap at (x, y) lands on: the last clickable, displayed one in document order (drawn on top). */
    static UiNode topmostClickableAt(UiTree tree, int x, int y) {
        UiNode hit = null;
        for (int i = 0; i < tree.size(); i++) {
            UiNode n = tree.node(i);
            if (n.clickable() && n.displayed() && n.bounds().contains(x, y)) {
                hit = n;
            }
        }
        return hit;
    }

    /** Where a pointerMove goes: relative to the viewport, the pointer, or an element's centre. */
    private static int[] target(Session s, Action a, Pointer p) throws InterruptedException {
        int dx = (int) Math.round(a.json.path("x").asDouble(0));
        int dy = (int) Math.round(a.json.path("y").asDouble(0));
        JsonNode origin = a.json.get("origin");
        int x;
        int y;
        if (origin == null || origin.isNull() || "viewport".equals(origin.asText(null))) {
            x = dx;
            y = dy;
        } else if ("pointer".equals(origin.asText(null))) {
            x = p.x + dx;
            y = p.y + dy;
        } else {
            Bounds b = s.element(elementId(origin)).bounds();
            x = b.centerX() + dx;
            y = b.centerY() + dy;
        }
        UiSnapshot screen = s.device().screen();
        if (x < 0 || y < 0 || x >= screen.width() || y >= screen.height()) {
            throw W3CError.MOVE_TARGET_OUT_OF_BOUNDS.exception(a.field + " moves to (" + x + "," + y
                    + "), outside the " + screen.width() + "x" + screen.height() + " screen");
        }
        return new int[] {x, y};
    }

    private static String elementId(JsonNode origin) {
        JsonNode id = origin.get(ElementRef.W3C_KEY);
        return id != null ? id.asText() : origin.get(ElementRef.LEGACY_KEY).asText();
    }

    private static void keyDown(Session s, String key) throws InterruptedException {
        int cp = key.codePointAt(0);
        int keycode = cp >= '0' && cp <= '9' ? KEYCODE_0 + (cp - '0')
                : cp == '\uE007' || cp == '\uE006' ? KEYCODE_ENTER
                : cp == '\uE003' ? KEYCODE_DEL : -1;
        if (keycode >= 0) {
            DeviceCommands.pressKey(s, keycode);
        }
    }

    // ---- validation (W3C "extract an action sequence") -------------------------------------------

    private static List<List<Action>> parse(JsonNode body) {
        JsonNode sources = body.get("actions");
        if (sources == null || !sources.isArray()) {
            throw W3CError.INVALID_ARGUMENT.exception("Parameter 'actions' must be an array of input sources, got " + sources);
        }
        List<List<Action>> ticks = new ArrayList<>();
        Map<String, String> typesById = new HashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            String where = "actions[" + i + "]";
            JsonNode src = sources.get(i);
            if (!src.isObject()) {
                throw invalid(where, "must be an object", src);
            }
            String type = src.path("type").asText(null);
            if (!src.path("type").isTextual() || !SOURCE_TYPES.contains(type)) {
                throw invalid(where + ".type", "must be one of " + SOURCE_TYPES, src.get("type"));
            }
            JsonNode id = src.get("id");
            if (id == null || !id.isTextual()) {
                throw invalid(where + ".id", "must be a string", id);
            }
            String previous = typesById.putIfAbsent(id.asText(), type);
            if (previous != null && !previous.equals(type)) {
                throw invalid(where + ".id", "is already a " + previous + " source", id);
            }
            if (type.equals("pointer")) {
                JsonNode params = src.get("parameters");
                if (params != null && !params.isNull()) {
                    if (!params.isObject()) {
                        throw invalid(where + ".parameters", "must be an object", params);
                    }
                    JsonNode pt = params.get("pointerType");
                    if (pt != null && !(pt.isTextual() && POINTER_TYPES.contains(pt.asText()))) {
                        throw invalid(where + ".parameters.pointerType", "must be one of " + POINTER_TYPES, pt);
                    }
                }
            }
            JsonNode actions = src.get("actions");
            if (actions == null || !actions.isArray()) {
                throw invalid(where + ".actions", "must be an array", actions);
            }
            for (int j = 0; j < actions.size(); j++) {
                String field = where + ".actions[" + j + "]";
                Action a = action(id.asText(), type, field, actions.get(j));
                while (ticks.size() <= j) {
                    ticks.add(new ArrayList<>());
                }
                ticks.get(j).add(a);
            }
        }
        return ticks;
    }

    private static Action action(String source, String sourceType, String field, JsonNode a) {
        if (!a.isObject()) {
            throw invalid(field, "must be an object", a);
        }
        String type = a.path("type").asText("");
        Set<String> allowed = switch (sourceType) {
            case "none" -> Set.of("pause");
            case "key" -> Set.of("pause", "keyDown", "keyUp");
            case "pointer" -> Set.of("pause", "pointerDown", "pointerUp", "pointerMove", "pointerCancel");
            default -> Set.of("pause", "scroll");
        };
        if (!a.path("type").isTextual() || !allowed.contains(type)) {
            throw invalid(field + ".type", "must be one of " + allowed + " for a " + sourceType + " source", a.get("type"));
        }
        switch (type) {
            case "pause" -> optionalNonNegative(a, "duration", field);
            case "keyDown", "keyUp" -> {
                JsonNode v = a.get("value");
                if (v == null || !v.isTextual() || v.asText().isEmpty() || v.asText().codePointCount(0, v.asText().length()) != 1) {
                    throw invalid(field + ".value", "must be a string of one character", v);
                }
            }
            case "pointerDown", "pointerUp" -> {
                JsonNode b = a.get("button");
                if (b == null || !b.canConvertToInt() || !b.isIntegralNumber() || b.asInt() < 0) {
                    throw invalid(field + ".button", "must be an integer >= 0", b);
                }
            }
            case "pointerMove", "scroll" -> {
                optionalNonNegative(a, "duration", field);
                for (String xy : List.of("x", "y")) {
                    JsonNode v = a.get(xy);
                    if (v != null && !v.isNull() && !v.isNumber()) {
                        throw invalid(field + "." + xy, "must be a number", v);
                    }
                }
                JsonNode origin = a.get("origin");
                boolean ok = origin == null || origin.isNull()
                        || origin.isTextual() && (origin.asText().equals("viewport") || origin.asText().equals("pointer"))
                        || origin.isObject() && (origin.path(ElementRef.W3C_KEY).isTextual() || origin.path(ElementRef.LEGACY_KEY).isTextual());
                if (!ok) {
                    throw invalid(field + ".origin", "must be \"viewport\", \"pointer\" or an element reference", origin);
                }
            }
            default -> { }
        }
        return new Action(source, type, field, a);
    }

    private static void optionalNonNegative(JsonNode a, String name, String field) {
        JsonNode v = a.get(name);
        if (v != null && !v.isNull() && (!v.isIntegralNumber() || v.asLong() < 0)) {
            throw invalid(field + "." + name, "must be an integer >= 0", v);
        }
    }

    private static WebDriverException invalid(String field, String rule, JsonNode got) {
        return W3CError.INVALID_ARGUMENT.exception("Action field '" + field + "' " + rule + ", got " + got);
    }
}
