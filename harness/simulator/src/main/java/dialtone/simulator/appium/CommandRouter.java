package dialtone.simulator.appium;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The W3C command table: HTTP method + path template ({@code /session/{sessionId}/element/{elementId}/click})
 * to a command. Kept apart from the HTTP library so the W3C rules (404 unknown command, 405 unknown
 * method) are ours, not the framework's.
 */
final class CommandRouter {

    /** A command: gets the request, returns the reply's {@code value} (null for JSON null). */
    @FunctionalInterface
    interface Command {
        Object execute(CommandRequest request) throws Exception;
    }

    record Route(String method, String template, List<String> segments, Command command) {
    }

    /** A resolved request: the command and its path parameters. */
    record Match(Route route, Map<String, String> pathParams) {
    }

    private final List<Route> routes = new ArrayList<>();

    CommandRouter get(String template, Command c) { return add("GET", template, c); }
    CommandRouter post(String template, Command c) { return add("POST", template, c); }
    CommandRouter delete(String template, Command c) { return add("DELETE", template, c); }

    CommandRouter add(String method, String template, Command command) {
        routes.add(new Route(method, template, split(template), command));
        return this;
    }

    /**
     * The command for {@code method path}.
     *
     * @throws WebDriverException unknown command (no such path) or unknown method (path known, method not)
     */
    Match resolve(String method, String path) {
        List<String> parts = split(path);
        TreeSet<String> otherMethods = new TreeSet<>();
        for (Route r : routes) {
            Optional<Map<String, String>> params = match(r.segments, parts);
            if (params.isEmpty()) {
                continue;
            }
            if (r.method.equals(method)) {
                return new Match(r, params.get());
            }
            otherMethods.add(r.method);
        }
        if (!otherMethods.isEmpty()) {
            throw W3CError.UNKNOWN_METHOD.exception("The command '" + method + " " + path
                    + "' is not allowed; this path accepts " + String.join(", ", otherMethods));
        }
        throw W3CError.UNKNOWN_COMMAND.exception("The requested resource could not be found, or a request was received using an HTTP method"
                + " that is not supported by the mapped resource: " + method + " " + path);
    }

    List<Route> routes() {
        return List.copyOf(routes);
    }

    private static Optional<Map<String, String>> match(List<String> template, List<String> parts) {
        if (template.size() != parts.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            if (t.startsWith("{") && t.endsWith("}")) {
                params.put(t.substring(1, t.length() - 1), URLDecoder.decode(parts.get(i), StandardCharsets.UTF_8));
            } else if (!t.equals(parts.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    private static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
