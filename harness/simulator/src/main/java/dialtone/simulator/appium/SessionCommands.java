package dialtone.simulator.appium;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** Status, new session (capability matching), delete session and the session's timeouts. */
final class SessionCommands {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Appium's default {@code appium:newCommandTimeout}, seconds. */
    static final int DEFAULT_NEW_COMMAND_TIMEOUT_S = 60;
    /** How long a command waits for a frozen UI unless {@code appium:uiautomator2ServerReadTimeout} says otherwise. */
    static final Duration DEFAULT_UI_BUDGET = Duration.ofSeconds(30);
    private static final String NEW_COMMAND_TIMEOUT = "appium:newCommandTimeout";
    private static final String UI_BUDGET = "appium:uiautomator2ServerReadTimeout";

    private final Function<String, Optional<AppiumDevice>> devicesByUdid;
    private final Sessions sessions;

    SessionCommands(Function<String, Optional<AppiumDevice>> devicesByUdid, Sessions sessions) {
        this.devicesByUdid = devicesByUdid;
        this.sessions = sessions;
    }

    void register(CommandRouter r) {
        r.get("/status", this::status);
        r.post("/session", this::newSession);
        r.get("/session/{sessionId}", req -> session(req).capabilities());
        r.delete("/session/{sessionId}", this::deleteSession);
        r.get("/session/{sessionId}/timeouts", this::getTimeouts);
        r.post("/session/{sessionId}/timeouts", this::setTimeouts);
    }

    Session session(CommandRequest req) {
        return sessions.get(req.path("sessionId"));
    }

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
            if (!device.get().answering()) {
                reasons.add("the phone '" + u + "' does not answer (adb: device offline)");
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
        long idleSeconds = nonNegative(caps, NEW_COMMAND_TIMEOUT, DEFAULT_NEW_COMMAND_TIMEOUT_S, "seconds");
        long uiBudgetMs = nonNegative(caps, UI_BUDGET, DEFAULT_UI_BUDGET.toMillis(), "milliseconds");
        caps.put(NEW_COMMAND_TIMEOUT, idleSeconds);
        caps.put(UI_BUDGET, uiBudgetMs);
        String id = UUID.randomUUID().toString();
        sessions.add(new Session(id, device, caps, Duration.ofSeconds(idleSeconds), Duration.ofMillis(uiBudgetMs)));
        return Map.of("sessionId", id, "capabilities", caps);
    }

    /** A whole, non-negative number capability, or its default when absent. */
    private static long nonNegative(Map<String, Object> caps, String name, long fallback, String unit) {
        Object v = caps.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() == Math.rint(n.doubleValue())
                && n.doubleValue() <= Integer.MAX_VALUE) {
            return n.longValue();
        }
        throw W3CError.SESSION_NOT_CREATED.exception("Could not create a session: capability '" + name
                + "' must be a whole number of " + unit + " >= 0, got " + v);
    }

    private Object deleteSession(CommandRequest req) {
        Session s = session(req);
        sessions.remove(s, "deleted by its client");
        return null;
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
        // validate all before changing any, as the spec does
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
