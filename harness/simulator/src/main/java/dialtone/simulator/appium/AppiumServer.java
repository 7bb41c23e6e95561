package dialtone.simulator.appium;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Appium-compatible W3C WebDriver server for all virtual phones of a simulator, like one Appium
 * server with several devices attached: a session picks its phone by the capability
 * {@code appium:udid} (the phone's adb serial), and a phone takes one session at a time (a second is
 * {@code session not created}, as with a busy real device); idle sessions end after their
 * {@code appium:newCommandTimeout}. Serves at the base path {@code /} and also under the legacy
 * {@code /wd/hub} prefix. What is supported: docs/virtual-rack.md, "Appium conformance".
 *
 * <pre>{@code
 * try (AppiumServer server = AppiumServer.start("127.0.0.1", 0, rack::phoneByUdid)) {
 *     AndroidDriver driver = new AndroidDriver(new URL(server.url()), new UiAutomator2Options().setUdid("127.0.0.1:5555"));
 * }
 * }</pre>
 */
public final class AppiumServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AppiumServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LEGACY_PREFIX = "/wd/hub";
    private static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private final Javalin app;
    private final WebDriverCommands commands;
    private final CommandRouter router;
    private final String host;

    private AppiumServer(String host, Function<String, Optional<AppiumDevice>> devicesByUdid) {
        this.host = host;
        this.commands = new WebDriverCommands(devicesByUdid);
        this.router = new CommandRouter();
        commands.register(router);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            // every path and method reaches our router, which owns the W3C 404/405 rules
            for (HandlerType method : HandlerType.values()) {
                if (method.isHttpMethod() && method != HandlerType.HEAD && method != HandlerType.OPTIONS) {
                    config.routes.addHttpHandler(method, "/", this::handle);
                    config.routes.addHttpHandler(method, "/<path>", this::handle);
                }
            }
        });
    }

    /**
     * Starts a server on {@code host:port} (port 0 picks a free port).
     *
     * @param devicesByUdid finds the phone a new session asks for by its udid
     */
    public static AppiumServer start(String host, int port, Function<String, Optional<AppiumDevice>> devicesByUdid) {
        Objects.requireNonNull(devicesByUdid, "devicesByUdid");
        AppiumServer server = new AppiumServer(host, devicesByUdid);
        server.app.start(host, port);
        LOG.info("Appium-compatible server listening on {}", server.url());
        return server;
    }

    public int port() {
        return app.port();
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:4723}. */
    public String url() {
        String h = host == null || host.isEmpty() || host.equals("0.0.0.0") ? "127.0.0.1" : host;
        if (h.contains(":") && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return "http://" + h + ":" + port();
    }

    /** The phone rebooted: its sessions become invalid (their later commands get 404 invalid session id). */
    public void endSessionsOf(String udid) {
        commands.endSessionsOf(udid);
    }

    /** Number of open sessions. */
    public int sessionCount() {
        return commands.sessionCount();
    }

    @Override
    public void close() {
        app.stop();
        commands.close();
    }

    private void handle(Context ctx) {
        String method = ctx.method().name();
        String path = ctx.path();
        if (path.equals(LEGACY_PREFIX) || path.startsWith(LEGACY_PREFIX + "/")) {
            path = path.substring(LEGACY_PREFIX.length());
        }
        try {
            CommandRouter.Match match = router.resolve(method, path);
            ObjectNode body = "POST".equals(method) ? parseBody(ctx) : null;
            if (body != null && LOG.isTraceEnabled()) {
                LOG.trace("{} {} body {}", method, path, body);
            }
            Object value = commands.execute(match, new CommandRequest(match.pathParams(), body));
            LOG.debug("{} {} -> 200", method, path);
            reply(ctx, 200, value);
        } catch (WebDriverException e) {
            LOG.debug("{} {} -> {} {}: {}", method, path, e.error().httpStatus(), e.error().code(), e.getMessage());
            error(ctx, e.error(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error(ctx, W3CError.UNKNOWN_ERROR, "The command was interrupted");
        } catch (Exception e) {
            // the message may carry anything (a password, a token): it goes to the log only
            LOG.warn("{} {} failed", method, path, e);
            error(ctx, W3CError.UNKNOWN_ERROR, "An unknown server-side error occurred while processing the command ("
                    + e.getClass().getSimpleName() + " in the virtual phone; details in the simulator log)", stackTrace(e));
        }
    }

    /** The body of a POST: empty means {}, anything but a JSON object is an invalid argument. */
    private static ObjectNode parseBody(Context ctx) {
        String raw = new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8);
        if (raw.isBlank()) {
            return JSON.createObjectNode();
        }
        JsonNode node;
        try {
            node = JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            throw W3CError.INVALID_ARGUMENT.exception("The request body is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (!(node instanceof ObjectNode object)) {
            throw W3CError.INVALID_ARGUMENT.exception("The request body must be a JSON object, got " + node.getNodeType().name().toLowerCase());
        }
        return object;
    }

    private static void reply(Context ctx, int status, Object value) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("value", value);
        String json;
        try {
            json = JSON.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            status = 500;
            json = "{\"value\":{\"error\":\"unknown error\",\"message\":\"cannot serialise the reply\",\"stacktrace\":\"\"}}";
        }
        ctx.status(status).contentType(CONTENT_TYPE).result(json);
    }

    private static void error(Context ctx, W3CError error, String message) {
        error(ctx, error, message, "");
    }

    private static void error(Context ctx, W3CError error, String message, String stacktrace) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("error", error.code());
        v.put("message", message == null ? error.code() : message);
        v.put("stacktrace", stacktrace);
        reply(ctx, error.httpStatus(), v);
    }

    /** Exception classes and frames, without their messages (which may hold secrets). */
    static String stackTrace(Throwable e) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (Throwable t = e; t != null && depth++ < 10; t = t.getCause()) {
            sb.append(t == e ? "" : "Caused by: ").append(t.getClass().getName()).append('\n');
            for (StackTraceElement frame : t.getStackTrace()) {
                sb.append("\tat ").append(frame).append('\n');
            }
        }
        return sb.toString();
    }
}
