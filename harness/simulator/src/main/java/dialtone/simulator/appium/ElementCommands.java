package dialtone.simulator.appium;

import com.fasterxml.jackson.databind.JsonNode;
import dialtone.simulator.ui.Bounds;
import dialtone.simulator.ui.InvalidSelectorException;
import dialtone.simulator.ui.Locator;
import dialtone.simulator.ui.UiNode;
import dialtone.simulator.ui.UiTree;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Finding elements (with the implicit wait) and the element commands: click, keys, state, attributes. */
final class ElementCommands {

    private final Function<CommandRequest, Session> sessions;

    ElementCommands(Function<CommandRequest, Session> sessions) {
        this.sessions = sessions;
    }

    void register(CommandRouter r) {
        r.post("/session/{sessionId}/element", req -> findOne(req, false));
        r.post("/session/{sessionId}/elements", req -> findMany(req, false));
        r.post("/session/{sessionId}/element/{elementId}/element", req -> findOne(req, true));
        r.post("/session/{sessionId}/element/{elementId}/elements", req -> findMany(req, true));
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
    }

    // ---- finding -------------------------------------------------------------------------------

    private Object findOne(CommandRequest req, boolean scoped) throws InterruptedException {
        Session s = sessions.apply(req);
        Locator locator = locator(req);
        Found f = find(s, locator, scope(s, req, scoped));
        if (f.indices.isEmpty()) {
            throw W3CError.NO_SUCH_ELEMENT.exception("An element could not be located on the screen using the given search parameters ("
                    + describe(locator, f.tree, s) + ")");
        }
        return reference(new ElementRef(f.tree.snapshot().generation(), f.indices.get(0)));
    }

    private Object findMany(CommandRequest req, boolean scoped) throws InterruptedException {
        Session s = sessions.apply(req);
        Locator locator = locator(req);
        Found f = find(s, locator, scope(s, req, scoped));
        List<Object> out = new ArrayList<>();
        for (int i : f.indices) {
            out.add(reference(new ElementRef(f.tree.snapshot().generation(), i)));
        }
        return out;
    }

    /** The element searched within, -1 for the whole screen; stale if it is gone. */
    private static int scope(Session s, CommandRequest req, boolean scoped) throws InterruptedException {
        if (!scoped) {
            return -1;
        }
        String id = req.path("elementId");
        s.tree(id);
        return ElementRef.parse(id).index();
    }

    private record Found(UiTree tree, List<Integer> indices) {
    }

    /**
     * Evaluates the locator on the current screen; with an implicit wait, waits for the screen to
     * change and evaluates again until something is found or the time is up.
     */
    private static Found find(Session s, Locator locator, int scope) throws InterruptedException {
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

    static Map<String, Object> reference(ElementRef ref) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(ElementRef.W3C_KEY, ref.id());
        m.put(ElementRef.LEGACY_KEY, ref.id());
        return m;
    }

    // ---- elements ------------------------------------------------------------------------------

    private UiNode element(CommandRequest req) throws InterruptedException {
        return sessions.apply(req).element(req.path("elementId"));
    }

    /** A click; a disabled or hidden element is not interactable (W3C), rather than silently ignored. */
    private Object click(CommandRequest req) throws InterruptedException {
        Session s = sessions.apply(req);
        UiNode node = s.element(req.path("elementId"));
        if (!node.displayed()) {
            throw W3CError.ELEMENT_NOT_INTERACTABLE.exception("The element " + what(node) + " is not displayed, so it cannot be clicked");
        }
        if (!node.enabled()) {
            throw W3CError.ELEMENT_NOT_INTERACTABLE.exception("The element " + what(node) + " is disabled, so it cannot be clicked");
        }
        s.device().click(node);
        return null;
    }

    /** W3C Element Clear: only an editable (input, enabled) element; anything else is an invalid element state. */
    private Object clear(CommandRequest req) throws InterruptedException {
        Session s = sessions.apply(req);
        UiNode node = s.element(req.path("elementId"));
        if (node.onInput().isEmpty() || !node.enabled()) {
            throw W3CError.INVALID_ELEMENT_STATE.exception("The element " + what(node) + " is not an editable text field"
                    + (node.onInput().isPresent() ? " (it is disabled)" : "") + ", so it cannot be cleared");
        }
        s.device().clear(node);
        return null;
    }

    /** W3C Element Send Keys: a non-input is not interactable; a disabled input is an invalid element state. */
    private Object sendKeys(CommandRequest req) throws InterruptedException {
        Session s = sessions.apply(req);
        String text = keys(req);
        UiNode node = s.element(req.path("elementId"));
        if (node.onInput().isEmpty()) {
            throw W3CError.ELEMENT_NOT_INTERACTABLE.exception("The element " + what(node) + " is not a text field, so it cannot take keys");
        }
        if (!node.enabled() || !node.displayed()) {
            throw W3CError.INVALID_ELEMENT_STATE.exception("The text field " + what(node) + " is "
                    + (node.enabled() ? "not displayed" : "disabled") + ", so it cannot take keys");
        }
        s.device().type(node, text);
        return null;
    }

    private static String keys(CommandRequest req) {
        JsonNode t = req.body().get("text");
        JsonNode v = req.body().get("value");
        if (t != null && !t.isNull()) {
            return req.string("text");
        }
        if (v != null && v.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode k : v) {
                if (!k.isTextual()) {
                    throw W3CError.INVALID_ARGUMENT.exception("Parameter 'value' must be an array of strings, got " + v);
                }
                sb.append(k.asText());
            }
            return sb.toString();
        }
        throw W3CError.INVALID_ARGUMENT.exception("Missing parameter 'text' (string) in the send keys request");
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

    /** A node named for an error message: class and id or description, never its text (it may be a password). */
    static String what(UiNode n) {
        String name = !n.resourceId().isEmpty() ? " " + n.resourceId() : !n.contentDesc().isEmpty() ? " '" + n.contentDesc() + "'" : "";
        return n.className() + name;
    }

    static Map<String, Object> rect(Bounds b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", b.left());
        m.put("y", b.top());
        m.put("width", b.width());
        m.put("height", b.height());
        return m;
    }
}
