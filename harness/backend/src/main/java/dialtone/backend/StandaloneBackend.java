package dialtone.backend;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dialtone.backend.openapi.OpenApiDocument;
import dialtone.backend.identity.DeviceLoginPortal;
import dialtone.backend.store.h2.H2Store;
import dialtone.model.Json;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A backend that keeps its state in a data directory and survives restarts: what
 * {@code ./dialtone backend} and {@link BackendMain} run. With test controls on, it also makes sure
 * the demo tenant {@value #DEMO_TENANT} exists.
 */
public final class StandaloneBackend implements AutoCloseable {
    public static final String DEMO_TENANT = "contoso";
    public static final String DEMO_ORGANIZATION = "Contoso Ltd";
    public static final String DEMO_UPN = "lobby.phone@contoso.example";
    public static final String DEMO_DISPLAY_NAME = "Lobby Phone";
    /** The demo tenant's admin token; generated (and printed once) when unset. */
    public static final String ADMIN_TOKEN_ENV = "DIALTONE_ADMIN_TOKEN";
    /** The demo account's password; generated (and printed once) when unset. */
    public static final String DEMO_PASSWORD_ENV = "DIALTONE_DEMO_PASSWORD";
    public static final int DEFAULT_PORT = 8080;

    private final H2Store store;
    private final BackendServer server;
    private boolean closed;

    /**
     * @param dataDir where the H2 database lives
     * @param environment where {@value #ADMIN_TOKEN_ENV} and {@value #DEMO_PASSWORD_ENV} are read
     */
    public record Options(String host, int port, Path dataDir, boolean testControls, Map<String, String> environment) {
    }

    private StandaloneBackend(H2Store store, BackendServer server) {
        this.store = store;
        this.server = server;
    }

    /** {@code ~/.dialtone/backend}: outside any checkout, so upgrading or re-cloning Dialtone keeps the lab's state. */
    public static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".dialtone", "backend");
    }

    /** Opens the data directory, seeds the demo tenant (test controls only), starts serving and prints the addresses. */
    public static StandaloneBackend start(Options options, PrintStream out) {
        H2Store store = H2Store.open(options.dataDir());
        try {
            if (options.testControls()) {
                seedDemoTenant(new Directory(store), options.environment(), out);
            }
            BackendConfig config = BackendConfig.builder()
                    .host(options.host())
                    .port(options.port())
                    .testControls(options.testControls())
                    .build();
            BackendServer server = BackendServer.start(config, store);
            printAddresses(server, options, out);
            return new StandaloneBackend(store, server);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static void seedDemoTenant(Directory directory, Map<String, String> env, PrintStream out) {
        String tokenFromEnv = nonBlank(env.get(ADMIN_TOKEN_ENV));
        Optional<TenantConfig> existing = directory.tenant(DEMO_TENANT);
        if (existing.isEmpty()) {
            String token = tokenFromEnv != null ? tokenFromEnv : Secrets.randomToken(24);
            String passwordFromEnv = nonBlank(env.get(DEMO_PASSWORD_ENV));
            String password = passwordFromEnv != null ? passwordFromEnv : Secrets.randomToken(12);
            directory.save(new TenantConfig(DEMO_TENANT, DEMO_ORGANIZATION, token,
                    List.of(UserAccount.commonArea(DEMO_UPN, DEMO_DISPLAY_NAME, password))));
            out.println("Seeded the demo tenant " + DEMO_TENANT + " (" + DEMO_ORGANIZATION + ") with the Common Area Phone"
                    + " account " + DEMO_UPN + ".");
            if (tokenFromEnv == null) {
                out.println("  admin token (shown this once; kept in the data directory): " + token);
            }
            if (passwordFromEnv == null) {
                out.println("  password of " + DEMO_UPN + " (shown this once): " + password);
            }
            return;
        }
        if (tokenFromEnv != null && !Secrets.constantTimeEquals(existing.get().adminToken(), tokenFromEnv)) {
            directory.save(withAdminToken(existing.get(), tokenFromEnv));
            out.println("Demo tenant " + DEMO_TENANT + ": admin token replaced by " + ADMIN_TOKEN_ENV + ".");
        } else {
            out.println("Demo tenant " + DEMO_TENANT + ": admin token " + (tokenFromEnv != null ? "from " + ADMIN_TOKEN_ENV
                    : "as printed at its first start (set " + ADMIN_TOKEN_ENV + " to replace it)") + ".");
        }
    }

    /** The same tenant with another admin token; every other field kept, whatever TenantConfig holds. */
    private static TenantConfig withAdminToken(TenantConfig tenant, String token) {
        ObjectMapper json = Json.newMapper();
        ObjectNode node = json.valueToTree(tenant);
        node.put("adminToken", token);
        return json.convertValue(node, TenantConfig.class);
    }

    private static void printAddresses(BackendServer server, Options options, PrintStream out) {
        String url = server.url();
        out.println("Dialtone backend listening on " + url);
        out.println("  console        " + url + "/");
        out.println("  Device Login   " + url + DeviceLoginPortal.PATH);
        out.println("  OpenAPI        " + url + OpenApiDocument.PATH);
        out.println("  data directory " + options.dataDir().toAbsolutePath().normalize());
        List<String> tenants = server.directory().tenants().stream().map(TenantConfig::tenantId).toList();
        out.println("  tenants        " + (tenants.isEmpty() ? "none yet (--test-controls seeds the demo tenant "
                + DEMO_TENANT + ")" : String.join(", ", tenants)));
        out.println("  test controls  " + (options.testControls() ? "on (POST /test/v1/clock)" : "off"));
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public BackendServer server() {
        return server;
    }

    /** Stops serving, then closes the database. Safe to call twice (Ctrl-C's hook and a normal stop). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.close();
        store.close();
    }
}
