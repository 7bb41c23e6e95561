package dialtone.simulator.appium;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dialtone.simulator.ui.Bounds;
import dialtone.simulator.ui.InvalidSelectorException;
import dialtone.simulator.ui.Locator;
import dialtone.simulator.ui.PageSource;
import dialtone.simulator.ui.UiNode;
import dialtone.simulator.ui.UiTree;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The W3C/Appium commands the virtual phones support, registered on a {@link CommandRouter}. */
final class WebDriverCommands {

    private static final Logger LOG = LoggerFactory.getLogger(WebDriverCommands.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KEYCODE_BACK = 4;

    private final Function<String, Optional<AppiumDevice>> devicesByUdid;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    WebDriverCommands(Function<String, Optional<AppiumDevice>> devicesByUdid) {
        this.devicesByUdid = devicesByUdid;
    }

    void register(CommandRouter r) {
        r.get("/status", this::status);
        r.post("/session", this::newSession);
        r.get("/session/{sessionId}", req -> session(req).capabilities());
        r.delete("/session/{sessionId}", this::deleteSession);
        r.get("/session/{sessionId}/timeouts", this::getTimeouts);
        r.post("/session/{sessionId}/timeouts", this::setTimeouts);

        r.post("/session/{sessionId}/element", req -> findOne(req, -1));
        r.post("/session/{sessionId}/elements", req -> findMany(req, -1));
        r.post("/session/{sessionId}/element/{elementId}/element", req -> findOne(req, elementIndex(req)));
        r.post("/session/{sessionId}/element/{elementId}/elements", req -> findMany(req, elementIndex(req)));
        r.post("/session/{sessionId}/element/{elementId}/click", this::click);
        r.post("/session/{sessionId}/element/{elementId}/clear", this::clear);
        r.post("/session/{sessionId}/element/{elementId}/value", this::sendKeys);
        r.get("/session/{sessionId}/element/{elementId}/text", req -> element(req).text());
        r.get("/session/{sessionId}/element/{elementId}/name", req -> element(req).className());
        r.get("/session/{sessionId}/element/{elementId}/attribute/{name}", req -> attribute(element(req), req.path("name")));
        r.get("/session/{sessionId}/element/{elementId}/displayed", req -> element(req).displayed());
        r.get("/session/{sessionId}/element/{elementId}/enabled", req -> element(req).enabled());
        r.get("/session/{sessionId}/element/{elementId}/selected", req -> element(req).selected());
        r.get("/session/{sessionId}/element/{elementId}/rect", req -> rect(element(req).bounds()));

        r.get("/session/{sessionId}/source", req -> PageSource.toXml(session(req).device().screen()));
        r.get("/session/{sessionId}/screenshot", req -> Base64.getEncoder().encodeToString(session(req).device().screenshotPng()));
        r.get("/session/{sessionId}/window/rect", this::windowRect);
        r.post("/session/{sessionId}/execute/sync", this::executeSync);
        r.post("/session/{sessionId}/appium/device/press_keycode", req -> pressKey(session(req), req.integer("keycode")));
        r.post("/session/{sessionId}/back", req -> pressKey(session(req), KEYCODE_BACK));
    }

    // ---- sessions ------------------------------------------------------------------------------

    private Object status(CommandRequest req) {
        return Map.of("ready", true, "message", "Dialtone virtual rack: " + sessions.size() + " session(s) open",
                "build", Map.of("version", "dialtone-simulator"));
    }

    private Object newSession(CommandRequest req) {
        JsonNode caps = req.body().get("capabilities");
        if (caps == null || caps.isNull()) {
            throw W3CError.INVALID_ARGUMENT.exception("Missing parameter 'capabilities' in the new session request");
        }
        if (!caps.isObject()) {
            throw W3CError.INVALID_ARGUMENT.exception("Parameter 'capabilities' must be an object, got " + caps);
        }
        Map<String, Object> always = objectMap(caps.get("alwaysMatch"), "capabilities.alwaysMatch");
        List<Map<String, Object>> candidates = new ArrayList<>();
        JsonNode first = caps.get("firstMatch");
        if (first == null || first.isNull()) {
            candidates.add(new LinkedHashMap<>(always));
        } else if (!first.isArray()) {
            throw W3CError.INVALID_ARGUMENT.exception("Parameter 'capabilities.firstMatch' must be an array, got " + first);
        } else {
            if (first.isEmpty()) {
                candidates.add(new LinkedHashMap<>(always));
            }
            for (int i = 0; i < first.size(); i++) {
                Map<String, Object> merged = new LinkedHashMap<>(always);
                for (Map.Entry<String, Object> e : objectMap(first.get(i), "capabilities.firstMatch[" + i + "]").entrySet()) {
                    if (always.containsKey(e.getKey())) {
                        throw W3CError.INVALID_ARGUMENT.exception("Capability '" + e.getKey()
                                + "' is in both alwaysMatch and firstMatch[" + i + "]");
                    }
                    merged.put(e.getKey(), e.getValue());
                }
                candidates.add(merged);
            }
        }
        List<String> reasons = new ArrayList<>();
        for (Map<String, Object> c : candidates) {
            Object platform = c.get("platformName");
            if (platform != null && !"android".equalsIgnoreCase(String.valueOf(platform))) {
                reasons.add("platformName '" + platform + "' is not Android");
                continue;
            }
            Object udid = c.getOrDefault("appium:udid", c.get("udid"));
            if (!(udid instanceof String u) || u.isBlank()) {
                reasons.add("capability 'appium:udid' is required and must name a phone (its adb serial host:port)");
                continue;
            }
            Optional<AppiumDevice> device = devicesByUdid.apply(u);
            if (device.isEmpty()) {
                reasons.add("no virtual phone with udid '" + u + "' is served here");
                continue;
            }
            return open(device.get(), c);
        }
        throw W3CError.SESSION_NOT_CREATED.exception("Could not create a session: " + String.join("; ", reasons));
    }

    private Object open(AppiumDevice device, Map<String, Object> requested) {
        var screen = device.screen();
        Map<String, Object> caps = new LinkedHashMap<>(requested);
        caps.put("platformName", "Android");
        caps.putIfAbsent("appium:automationName", "UiAutomator2");
        for (Map.Entry<String, Object> e : device.deviceCapabilities().entrySet()) {
            String key = e.getKey().contains(":") ? e.getKey() : "appium:" + e.getKey();
            caps.put(key, e.getValue());
        }
        caps.put("appium:udid", device.udid());
        caps.putIfAbsent("appium:deviceName", caps.getOrDefault("appium:deviceModel", device.udid()));
        caps.putIfAbsent("appium:platformVersion", "");
        caps.put("appium:deviceScreenSize", screen.width() + "x" + screen.height());
        String id = UUID.randomUUID().toString();
        // one session per phone is a later issue: for now a new session replaces the phone's old one
        endSessionsOf(device.udid());
        Session s = new Session(id, device, caps);
        sessions.put(id, s);
        LOG.info("Session {} opened on {}", id, device.udid());
        return Map.of("sessionId", id, "capabilities", caps);
    }

    private Object deleteSession(CommandRequest req) {
        Session s = session(req);
        sessions.remove(s.id());
        LOG.info("Session {} on {} deleted", s.id(), s.device().udid());
        return null;
    }

    void endSessionsOf(String udid) {
        sessions.values().removeIf(s -> {
            boolean mine = s.device().udid().equals(udid);
            if (mine) {
                LOG.info("Session {} on {} ended", s.id(), udid);
            }
            return mine;
        });
    }

    int sessionCount() {
        return sessions.size();
    }

    private Session session(CommandRequest req) {
        String id = req.path("sessionId");
        Session s = sessions.get(id);
        if (s == null) {
            throw W3CError.INVALID_SESSION_ID.exception("Session '" + id + "' does not exist (never created, deleted, or its phone rebooted)");
        }
        return s;
    }

    private Object getTimeouts(CommandRequest req) {
        Session s = session(req);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("implicit", s.implicitWait().toMillis());
        t.put("pageLoad", s.pageLoadMillis());
        t.put("script", s.scriptMillis());
        return t;
    }

    private Object setTimeouts(CommandRequest req) {
        Session s = session(req);
        ObjectNode body = req.body();
        Long implicit = timeout(body, "implicit", false);
        Long pageLoad = timeout(body, "pageLoad", false);
        Long script = timeout(body, "script", true);
        if (implicit != null) s.implicitWaitMillis(implicit);
        if (pageLoad != null) s.pageLoadMillis(pageLoad);
        if (body.has("script")) s.scriptMillis(script);
        return null;
    }

    private static Long timeout(ObjectNode body, String field, boolean nullable) {
        JsonNode v = body.get(field);
        if (v == null || (v.isNull() && nullable)) {
            return null;
        }
        if (v.isNull()) {
            throw W3CError.INVALID_ARGUMENT.exception("Timeout '" + field + "' must not be null");
        }
        long ms = CommandRequest.integer(field, v);
        if (ms < 0 || ms > 9_007_199_254_740_991L) {
            throw W3CError.INVALID_ARGUMENT.exception("Timeout '" + field + "' must be between 0 and 2^53-1, got " + v);
        }
        return ms;
    }

    // ---- finding -------------------------------------------------------------------------------

    private Object findOne(CommandRequest req, int scope) throws InterruptedException {
        Session s = session(req);
        Locator locator = locator(req);
        Found f = find(s, locator, scope, true);
        if (f.indices.isEmpty()) {
            throw W3CError.NO_SUCH_ELEMENT.exception("An element could not be located on the screen using the given search parameters ("
                    + describe(locator, f.tree, s) + ")");
        }
        return reference(new ElementRef(f.tree.snapshot().generation(), f.indices.get(0)));
    }

    private Object findMany(CommandRequest req, int scope) throws InterruptedException {
        Session s = session(req);
        Found f = find(s, locator(req), scope, false);
        List<Object> out = new ArrayList<>();
        for (int i : f.indices) {
            out.add(reference(new ElementRef(f.tree.snapshot().generation(), i)));
        }
        return out;
    }

    private record Found(UiTree tree, List<Integer> indices) {
    }

    /**
     * Evaluates the locator on the current screen; with an implicit wait, waits for the screen to
     * change and evaluates again until something is found or the time is up.
     */
    private Found find(Session s, Locator locator, int scope, boolean one) throws InterruptedException {
        long deadline = System.nanoTime() + s.implicitWait().toNanos();
        long scopeGeneration = Long.MIN_VALUE;
        while (true) {
            UiTree tree = s.currentTree();
            if (scope >= 0) {
                if (scopeGeneration == Long.MIN_VALUE) {
                    scopeGeneration = tree.snapshot().generation();
                } else if (tree.snapshot().generation() != scopeGeneration) {
                    throw W3CError.STALE_ELEMENT_REFERENCE.exception("The element searched within is no longer on the screen");
                }
            }
            List<Integer> found;
            try {
                found = tree.findAll(locator, scope, s.appPackage());
            } catch (InvalidSelectorException e) {
                throw new WebDriverException(W3CError.INVALID_SELECTOR, e.getMessage(), e);
            }
            long left = deadline - System.nanoTime();
            if (!found.isEmpty() || left <= 0) {
                return new Found(tree, found);
            }
            s.device().awaitScreenChange(tree.snapshot().generation(), Duration.ofNanos(left));
        }
    }

    private static Locator locator(CommandRequest req) {
        String using = req.string("using");
        String value = req.string("value");
        try {
            return Locator.parse(using, value);
        } catch (InvalidSelectorException e) {
            throw new WebDriverException(W3CError.INVALID_SELECTOR, e.getMessage(), e);
        }
    }

    private static String describe(Locator locator, UiTree tree, Session s) {
        if (locator.strategy() == Locator.Strategy.ID) {
            return "using 'id' = '" + tree.qualifiedId(locator.value(), s.appPackage()) + "'";
        }
        return "using '" + locator.strategy().wireName() + "' = '" + locator.value() + "'";
    }

    private static Map<String, Object> reference(ElementRef ref) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(ElementRef.W3C_KEY, ref.id());
        m.put(ElementRef.LEGACY_KEY, ref.id());
        return m;
    }

    // ---- elements ------------------------------------------------------------------------------

    /** The node an element id refers to on the current screen; stale if the screen changed since. */
    private UiNode element(CommandRequest req) {
        Session s = session(req);
        return resolve(s, req.path("elementId"));
    }

    private int elementIndex(CommandRequest req) {
        Session s = session(req);
        ElementRef ref = ElementRef.parse(req.path("elementId"));
        resolve(s, req.path("elementId"));
        return ref.index();
    }

    private UiNode resolve(Session s, String elementId) {
        ElementRef ref = ElementRef.parse(elementId);
        UiTree tree = s.currentTree();
        if (tree.snapshot().generation() != ref.generation() || ref.index() >= tree.size()) {
            throw W3CError.STALE_ELEMENT_REFERENCE.exception("The element '" + elementId
                    + "' is no longer on the screen (the screen changed since it was found)");
        }
        return tree.node(ref.index());
    }

    private Object click(CommandRequest req) {
        Session s = session(req);
        s.device().click(resolve(s, req.path("elementId")));
        return null;
    }

    private Object clear(CommandRequest req) {
        Session s = session(req);
        s.device().clear(resolve(s, req.path("elementId")));
        return null;
    }

    private Object sendKeys(CommandRequest req) {
        Session s = session(req);
        String text;
        JsonNode t = req.body().get("text");
        JsonNode v = req.body().get("value");
        if (t != null && !t.isNull()) {
            text = req.string("text");
        } else if (v != null && v.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode k : v) {
                if (!k.isTextual()) {
                    throw W3CError.INVALID_ARGUMENT.exception("Parameter 'value' must be an array of strings, got " + v);
                }
                sb.append(k.asText());
            }
            text = sb.toString();
        } else {
            throw W3CError.INVALID_ARGUMENT.exception("Missing parameter 'text' (string) in the send keys request");
        }
        s.device().type(resolve(s, req.path("elementId")), text);
        return null;
    }

    /** Attribute values as UiAutomator2 reports them: strings, booleans as "true"/"false", null if unknown. */
    static String attribute(UiNode n, String name) {
        return switch (name) {
            case "text" -> n.text();
            case "content-desc", "contentDescription" -> n.contentDesc();
            case "name" -> n.contentDesc().isEmpty() ? n.text() : n.contentDesc();
            case "resource-id", "resourceId" -> n.resourceId();
            case "class", "className" -> n.className();
            case "package" -> n.packageName();
            case "checkable" -> Boolean.toString(n.checkable());
            case "checked" -> Boolean.toString(n.checked());
            case "clickable" -> Boolean.toString(n.clickable());
            case "enabled" -> Boolean.toString(n.enabled());
            case "focusable" -> Boolean.toString(n.focusable());
            case "focused" -> Boolean.toString(n.focused());
            case "long-clickable", "longClickable" -> Boolean.toString(n.longClickable());
            case "password" -> Boolean.toString(n.password());
            case "scrollable" -> Boolean.toString(n.scrollable());
            case "selected" -> Boolean.toString(n.selected());
            case "displayed" -> Boolean.toString(n.displayed());
            case "bounds" -> n.bounds().toString();
            case "hint" -> n.hint();
            default -> null;
        };
    }

    private static Map<String, Object> rect(Bounds b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", b.left());
        m.put("y", b.top());
        m.put("width", b.width());
        m.put("height", b.height());
        return m;
    }

    // ---- device --------------------------------------------------------------------------------

    private Object windowRect(CommandRequest req) {
        var screen = session(req).device().screen();
        return rect(new Bounds(0, 0, screen.width(), screen.height()));
    }

    private Object executeSync(CommandRequest req) {
        Session s = session(req);
        String script = req.string("script");
        JsonNode args = req.body().get("args");
        if (args != null && !args.isNull() && !args.isArray()) {
            throw W3CError.INVALID_ARGUMENT.exception("Parameter 'args' must be an array, got " + args);
        }
        JsonNode first = args != null && args.size() > 0 ? args.get(0) : JSON.createObjectNode();
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

    private static Object pressKey(Session s, long keycode) {
        if (keycode < 0 || keycode > Integer.MAX_VALUE) {
            throw W3CError.INVALID_ARGUMENT.exception("keycode out of range: " + keycode);
        }
        s.device().pressKey((int) keycode);
        return null;
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static Map<String, Object> objectMap(JsonNode n, String what) {
        if (n == null || n.isNull()) {
            return Map.of();
        }
        if (!n.isObject()) {
            throw W3CError.INVALID_ARGUMENT.exception("Parameter '" + what + "' must be an object, got " + n);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = JSON.convertValue(n, LinkedHashMap.class);
        return m;
    }
}
