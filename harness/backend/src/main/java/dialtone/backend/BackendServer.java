package dialtone.backend;

import com.fasterxml.jackson.databind.ObjectMapper;
import dialtone.backend.admin.AdminApi;
import dialtone.backend.admin.AdminAuth;
import dialtone.backend.admin.DirectoryApi;
import dialtone.backend.audit.AuditApi;
import dialtone.backend.audit.AuditLog;
import dialtone.backend.admin.ProvisioningService;
import dialtone.backend.console.ConsoleEvents;
import dialtone.backend.console.ConsolePage;
import dialtone.backend.device.CommandChannel;
import dialtone.backend.device.DeviceApi;
import dialtone.backend.device.PhoneService;
import dialtone.backend.identity.DeviceCodeGrant;
import dialtone.backend.identity.DeviceIdentityApi;
import dialtone.backend.identity.DeviceLoginPortal;
import dialtone.backend.identity.IdentityApi;
import dialtone.backend.identity.OAuthException;
import dialtone.backend.store.BackendStore;
import dialtone.backend.store.InMemoryStore;
import dialtone.backend.teamwork.DeviceOperations;
import dialtone.backend.teamwork.TeamworkApi;
import dialtone.backend.teamwork.TeamworkDeviceApi;
import dialtone.backend.teamwork.TeamworkService;
import dialtone.model.Json;
import dialtone.model.provisioning.ApiError;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import dialtone.backend.openapi.OpenApiDocument;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulated Teams admin backend: TAC provisioning API, identity (device-code grant and the
 * Device Login portal), Graph-like inventory, device API, console page and test controls, on
 * one HTTP port.
 */
public final class BackendServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BackendServer.class);
    /** Longer than the longest command long-poll (30 s), so Jetty never cuts a waiting phone off. */
    private static final long IDLE_TIMEOUT_MILLIS = 120_000;
    private static final String TOKEN_PATH_SUFFIX = "/oauth2/v2.0/token";

    private final BackendConfig config;
    private final Directory directory;
    private final Javalin app;
    private volatile String url;

    /** {@code GET}: {@code {"requests": N}}, the requests answered so far (test controls only). */
    public static final String REQUESTS_PATH = "/test/v1/requests";
    private final java.util.concurrent.atomic.LongAdder requests = new java.util.concurrent.atomic.LongAdder();

    private BackendServer(BackendConfig config, BackendStore store) {
        this.config = config;
        ObjectMapper mapper = Json.newMapper();
        JsonBodies bodies = new JsonBodies(mapper);
        this.directory = new Directory(store);
        directory.seed(config.tenants());
        CommandChannel commands = new CommandChannel();
        Supplier<String> verificationUri = () -> url + DeviceLoginPortal.PATH;
        AuditLog audit = new AuditLog(store, config.clock());
        AdminAuth adminAuth = new AdminAuth(directory);
        ProvisioningService provisioning = new ProvisioningService(store, directory, commands, config, verificationUri, audit);
        PhoneService phones = new PhoneService(store, directory, commands, config.clock(), audit);
        DeviceCodeGrant grant = new DeviceCodeGrant(store, directory, config, verificationUri);
        TeamworkService teamwork = new TeamworkService(store, config);
        DeviceOperations operations = new DeviceOperations(commands, config.clock(), config.offlineAfter());
        ConsoleEvents consoleEvents = new ConsoleEvents(provisioning, directory, mapper, config.clock());

        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jsonMapper(new JavalinJackson(mapper, false));
            cfg.jetty.host = config.host();
            cfg.jetty.port = config.port();
            cfg.requestLogger.http((ctx, millis) -> {
                if (!ctx.path().equals(REQUESTS_PATH)) requests.increment();
                logRequest(ctx, millis);
            });

            cfg.routes.get("/health", ctx -> ctx.json(java.util.Map.of("status", "ok")));
            new ConsolePage().register(cfg.routes);
            consoleEvents.register(cfg.routes);
            cfg.events.serverStopping(consoleEvents::close);
            new AdminApi(provisioning, adminAuth, bodies).register(cfg.routes);
            new DirectoryApi(directory, adminAuth, bodies, store, audit).register(cfg.routes);
            new AuditApi(audit, adminAuth).register(cfg.routes);
            new DeviceApi(phones, provisioning, commands, grant, bodies, config.maxCommandWait()).register(cfg.routes);
            new TeamworkApi(teamwork, operations, directory).register(cfg.routes);
            new TeamworkDeviceApi(teamwork, operations, phones, bodies).register(cfg.routes);
            new DeviceLoginPortal(grant, directory, config.clock()).register(cfg.routes);
            new IdentityApi(grant).register(cfg.routes);
            new DeviceIdentityApi(grant, directory, store, phones, bodies, config.clock()).register(cfg.routes);
            new OpenApiDocument().register(cfg.routes);
            if (config.testControls()) {
                new TestControls(config.clock(), bodies, directory).register(cfg.routes);
                // for benchmarks (dialtone bench): HTTP requests answered so far, this one not counted
                cfg.routes.get(REQUESTS_PATH, ctx -> ctx.json(java.util.Map.of("requests", requests.sum())));
            }

            cfg.routes.exception(ApiException.class, (e, ctx) ->
                    ctx.status(e.status()).json(new ApiError(e.error(), e.getMessage())));
            cfg.routes.exception(OAuthException.class, (e, ctx) -> ctx.status(400).json(e.body()));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                log.error("{} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(500).json(new ApiError("internal_error", "unexpected backend error; see the backend log"));
            });
            cfg.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    ctx.json(new ApiError("not_found", "no endpoint " + ctx.method() + " " + ctx.path()));
                }
            });
        });
    }

    /** Starts a backend with in-memory state (tests, the per-run embedded backend). */
    public static BackendServer start(BackendConfig config) {
        return start(config, new InMemoryStore());
    }

    /**
     * Starts a backend on {@code store}. The configured tenants are saved into a store that does not
     * know them yet; the caller keeps the store and closes it after the server.
     */
    public static BackendServer start(BackendConfig config, BackendStore store) {
        BackendServer server = new BackendServer(config, store);
        server.app.start();
        for (Connector connector : server.app.jettyServer().server().getConnectors()) {
            if (connector instanceof ServerConnector serverConnector) {
                serverConnector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
            }
        }
        server.url = "http://" + hostForUrl(config.host()) + ":" + server.app.port();
        log.info("backend listening on {} ({} tenant(s), test controls {})", server.url, server.directory.tenants().size(),
                config.testControls() ? "on" : "off");
        return server;
    }

    private static String hostForUrl(String host) {
        if (host.equals("0.0.0.0") || host.isBlank()) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    public int port() {
        return app.port();
    }

    /** {@code http://127.0.0.1:PORT}, no trailing slash. */
    public String url() {
        return url;
    }

    /** HTTP requests answered so far (every endpoint but {@link #REQUESTS_PATH}). */
    public long requests() {
        return requests.sum();
    }

    public BackendConfig config() {
        return config;
    }

    /** The tenants and accounts this backend serves, as stored now. */
    public Directory directory() {
        return directory;
    }

    /** Every HTTP endpoint as {@code "METHOD /path/{param}"}, in registration order (for tests and docs). */
    public List<String> endpoints() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path)
                .toList();
    }

    @Override
    public void close() {
        app.stop();
        log.info("backend on {} stopped", url);
    }

    /**
     * Method, path, status and time; never the query string (it may carry a token) nor any header.
     * A refused token poll (authorization_pending, slow_down: every phone's every few seconds) is
     * routine, so DEBUG: at INFO it would fill the log and cost the hot path.
     */
    private static void logRequest(Context ctx, Float millis) {
        boolean routinePoll = ctx.statusCode() == 400 && ctx.path().endsWith(TOKEN_PATH_SUFFIX);
        if (routinePoll ? !log.isDebugEnabled() : !log.isInfoEnabled()) {
            return;
        }
        String line = "{} {} -> {} ({} ms){}";
        Object[] args = {ctx.method(), ctx.path(), ctx.statusCode(), Math.round(millis),
                ctx.header("Authorization") == null ? "" : " [Authorization: ***]"};
        if (routinePoll) {
            log.debug(line, args);
        } else {
            log.info(line, args);
        }
    }
}
