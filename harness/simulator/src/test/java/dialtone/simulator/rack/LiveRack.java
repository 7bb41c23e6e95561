package dialtone.simulator.rack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dialtone.backend.BackendConfig;
import dialtone.backend.BackendServer;
import dialtone.backend.TenantConfig;
import dialtone.backend.UserAccount;
import dialtone.model.BackendClock;
import dialtone.model.SignInMode;
import dialtone.model.rack.Rack;
import dialtone.model.rack.Racks;
import dialtone.simulator.phone.PhoneState;
import dialtone.model.rack.TimeScale;
import dialtone.simulator.phone.Technician;
import dialtone.simulator.phone.VirtualPhone;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A real backend (test controls on, its clock in the test's hands) and a virtual rack talking to
 * it, on free loopback ports; plus the admin calls and the Device Login portal steps tests need.
 */
public final class LiveRack implements AutoCloseable {
    public static final String ADMIN_TOKEN = "admin-token-live-rack-5Tq9";
    public static final String UPN = "lobby@contoso.example";
    static final String PASSWORD = "Lobby-Pa55-live-8Hk";
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FLOW_TOKEN = Pattern.compile("name=\"flowToken\" value=\"([^\"]+)\"");

    /** The backend's clock: {@code clock.advance(...)} as {@code POST /test/v1/clock} would. */
    public final BackendClock clock;
    public final BackendServer backend;
    public final VirtualRack rack;
    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30)).build();

    /** The shipped virtual rack (one phone per model) on free ports. */
    public static LiveRack start(Duration heartbeatInterval) {
        Rack shipped = Racks.load(Path.of("../../racks/virtual.yaml"));
        return start(RackGenerator.rack(shipped, shipped.devices().size(), "127.0.0.1", freePortRun(shipped.devices().size())), heartbeatInterval);
    }

    public static LiveRack start(Rack rack, Duration heartbeatInterval) {
        BackendClock clock = BackendClock.system();
        BackendServer backend = BackendServer.start(BackendConfig.builder().port(0).testControls(true).clock(clock)
                .devicePollInterval(Duration.ofSeconds(1)).heartbeatInterval(heartbeatInterval)
                .tenant(new TenantConfig("contoso", "Contoso Ltd", ADMIN_TOKEN,
                        List.of(new UserAccount(UPN, "Lobby Phone", PASSWORD, SignInMode.COMMON_AREA))))
                .build());
        try {
            VirtualRack virtual = VirtualRack.start(rack, backend.url(), new TimeScale(0.01));
            return new LiveRack(backend, virtual, clock);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    private LiveRack(BackendServer backend, VirtualRack rack, BackendClock clock) {
        this.backend = backend;
        this.rack = rack;
        this.clock = clock;
    }

    public VirtualPhone phone(String id) {
        return rack.phones().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    public void awaitBooted() {
        await().atMost(Duration.ofSeconds(30)).until(rack::booted);
    }

    /** Added in TAC, code entered on the phone, org name shown: returns the phone's inventory id. */
    public String provision(VirtualPhone phone) {
        admin("POST", "/admin/v1/provisioning/devices", List.of(Map.of("macAddress", phone.mac().toString(), "location", "Lab")));
        String code = admin("POST", "/admin/v1/provisioning/devices/" + phone.mac().compact() + "/verificationCode", Map.of())
                .path("code").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> phone.state() == PhoneState.SIGN_IN);
        Technician.enterVerificationCode(phone, code);
        await().atMost(Duration.ofSeconds(20)).until(() -> phone.state() == PhoneState.SIGN_IN && Technician.organizationShown(phone) != null
                || phone.state() == PhoneState.PROVISIONING_FAILED);
        assertThat(phone.state()).isEqualTo(PhoneState.SIGN_IN);
        return inventoryId(phone);
    }

    /** Remote sign-in from TAC, the account's login at the Device Login portal; waits for the home screen. */
    public void signIn(VirtualPhone phone) {
        approveRemoteSignIn(phone);
        await().atMost(Duration.ofSeconds(20)).until(() -> phone.state() == PhoneState.HOME);
    }

    /** Remote sign-in from TAC and the account's login at the Device Login portal; does not wait for the phone. */
    public void approveRemoteSignIn(VirtualPhone phone) {
        String userCode = admin("POST", "/admin/v1/provisioning/devices/" + phone.mac().compact() + "/signIn", Map.of())
                .path("userCode").asText();
        String page = form("/devicelogin", Map.of("otc", userCode));
        page = form("/devicelogin/account", Map.of("flowToken", flowToken(page)));
        page = form("/devicelogin/username", Map.of("flowToken", flowToken(page), "loginfmt", UPN));
        assertThat(form("/devicelogin/password", Map.of("flowToken", flowToken(page), "passwd", PASSWORD))).contains("id=\"done\"");
    }

    public String inventoryId(VirtualPhone phone) {
        for (JsonNode d : admin("GET", "/beta/teamwork/devices", null).path("value")) {
            if (d.toString().contains(phone.mac().toString()) || d.toString().contains(phone.mac().compact())) {
                return d.path("id").asText();
            }
        }
        throw new AssertionError(phone.id() + " is not in the inventory");
    }

    public JsonNode admin(String method, String path, Object body) {
        return call(method, path, body, true).json;
    }

    public Reply call(String method, String path, Object body, boolean asAdmin) {
        try {
            RequestBody rb = body == null ? (method.equals("GET") || method.equals("DELETE") ? null : RequestBody.create(new byte[0]))
                    : RequestBody.create(body instanceof String s ? s.getBytes() : JSON.writeValueAsBytes(body), JSON_TYPE);
            Request.Builder req = new Request.Builder().url(backend.url() + path).method(method, rb);
            if (asAdmin) req.header("Authorization", "Bearer " + ADMIN_TOKEN);
            return execute(req.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A call to the simulator's control API. */
    public Reply control(String method, String path, String body) {
        RequestBody rb = body == null ? null : RequestBody.create(body.getBytes(), JSON_TYPE);
        return execute(new Request.Builder().url(rack.controlUrl() + path).method(method, rb).build());
    }

    public record Reply(int status, String body, JsonNode json, Map<String, List<String>> headers) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private Reply execute(Request request) {
        try (Response r = http.newCall(request).execute()) {
            String text = r.body().string();
            JsonNode json = text.isBlank() || !text.strip().startsWith("{") && !text.strip().startsWith("[") ? JSON.createObjectNode() : JSON.readTree(text);
            return new Reply(r.code(), text, json, r.headers().toMultimap());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String form(String path, Map<String, String> fields) {
        FormBody.Builder form = new FormBody.Builder();
        fields.forEach(form::add);
        return execute(new Request.Builder().url(backend.url() + path).post(form.build()).build()).body();
    }

    private static String flowToken(String page) {
        Matcher m = FLOW_TOKEN.matcher(page);
        assertThat(m.find()).as("a Device Login page with a flow token:\n" + page).isTrue();
        return m.group(1);
    }

    /** A run of {@code n} consecutive free ports (checked one by one). */
    public static int freePortRun(int n) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base;
            try (ServerSocket s = new ServerSocket(0)) {
                base = s.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (base + n > 65535) continue;
            boolean free = true;
            for (int p = base; p < base + n && free; p++) {
                try (ServerSocket s = new ServerSocket(p, 1, java.net.InetAddress.getLoopbackAddress())) {
                    s.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) return base;
        }
        throw new IllegalStateException("no run of " + n + " free ports");
    }

    @Override
    public void close() {
        rack.close();
        backend.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
