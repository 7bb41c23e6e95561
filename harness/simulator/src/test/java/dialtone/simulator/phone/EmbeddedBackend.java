package dialtone.simulator.phone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dialtone.backend.BackendConfig;
import dialtone.backend.BackendServer;
import dialtone.backend.TenantConfig;
import dialtone.backend.UserAccount;
import dialtone.model.BackendClock;
import dialtone.model.DeviceAdministratorEnrollment;
import dialtone.model.Mac;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * The emulated admin backend on a free loopback port, with the admin, portal and test-clock calls
 * the phone behaviour tests make, all over HTTP as the harness would make them.
 */
public final class EmbeddedBackend implements AutoCloseable {
    static final String TENANT = "contoso";
    static final String ORGANIZATION = "Contoso Ltd";
    public static final String CAP = "lobby-phone@contoso.example";
    static final String ROOM = "room-4@contoso.example";
    public static final String PASSWORD = "Lobby-Password-1";
    private static final String ADMIN_TOKEN = "test-admin-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType APPLICATION_JSON = MediaType.get("application/json");
    private static final Pattern FLOW_TOKEN = Pattern.compile("name=\"flowToken\" value=\"([^\"]+)\"");

    final BackendServer server;
    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20)).build();

    private EmbeddedBackend(BackendServer server) {
        this.server = server;
    }

    /** Contoso with a Common Area Phone account and a conference-room account; {@code capPasswordExpiresIn} null: never. */
    public static EmbeddedBackend start(Duration capPasswordExpiresIn) {
        return start(capPasswordExpiresIn, Duration.ofSeconds(60));
    }

    /** As {@link #start(Duration)}, asking phones for a heartbeat every {@code heartbeatInterval}. */
    public static EmbeddedBackend start(Duration capPasswordExpiresIn, Duration heartbeatInterval) {
        BackendClock clock = BackendClock.system();
        List<UserAccount> users = List.of(
                new UserAccount(CAP, "Lobby Phone", PASSWORD, dialtone.model.SignInMode.COMMON_AREA,
                        capPasswordExpiresIn == null ? null : clock.instant().plus(capPasswordExpiresIn), false),
                new UserAccount(ROOM, "Room 4", PASSWORD, dialtone.model.SignInMode.CONFERENCE));
        BackendConfig config = BackendConfig.builder().host("127.0.0.1").port(0).testControls(true).clock(clock)
                .devicePollInterval(Duration.ofSeconds(1)).heartbeatInterval(heartbeatInterval)
                .tenant(new TenantConfig(TENANT, ORGANIZATION, ADMIN_TOKEN, users, false, DeviceAdministratorEnrollment.ALLOWED))
                .build();
        return new EmbeddedBackend(BackendServer.start(config));
    }

    public String url() {
        return server.url();
    }

    public void addDevice(Mac mac) {
        JsonNode r = admin("POST", "/admin/v1/provisioning/devices", List.of(Map.of("macAddress", mac.toString(), "location", "test bench")));
        if (r.path("added").isEmpty()) throw new AssertionError("device not added: " + r);
    }

    public String verificationCode(Mac mac) {
        return admin("POST", "/admin/v1/provisioning/devices/" + mac + "/verificationCode", null).path("code").asText();
    }

    /** The admin clicks Signed Out: the phone locks; the answer carries the device login code. */
    public JsonNode remoteSignIn(Mac mac) {
        return admin("POST", "/admin/v1/provisioning/devices/" + mac + "/signIn", null);
    }

    JsonNode records(String state) {
        return admin("GET", "/admin/v1/provisioning/devices?state=" + state, null);
    }

    JsonNode audit(Mac mac) {
        return admin("GET", "/admin/v1/audit?mac=" + mac, null);
    }

    public JsonNode inventory() {
        return admin("GET", "/beta/teamwork/devices", null);
    }

    void enrollment(boolean required, String deviceAdministrator) {
        admin("PATCH", "/admin/v1/tenant", Map.of("intuneEnrollmentRequired", required, "deviceAdministratorEnrollment", deviceAdministrator));
    }

    public void advanceClock(Duration d) {
        call(new Request.Builder().url(url() + "/test/v1/clock")
                .post(body(Map.of("advanceSeconds", d.toSeconds()))).build());
    }

    /** The Device Login portal walked with form posts: code, Use another account, username, password. Returns the last page. */
    public String portalSignIn(String userCode, String upn, String password) {
        String page = form("/devicelogin", Map.of("otc", userCode));
        page = form("/devicelogin/account", Map.of("flowToken", flowToken(page)));
        page = form("/devicelogin/username", Map.of("flowToken", flowToken(page), "loginfmt", upn));
        return form("/devicelogin/password", Map.of("flowToken", flowToken(page), "passwd", password));
    }

    private String form(String path, Map<String, String> fields) {
        FormBody.Builder b = new FormBody.Builder();
        fields.forEach(b::add);
        try (Response r = http.newCall(new Request.Builder().url(url() + path).post(b.build()).build()).execute()) {
            return r.body().string();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String flowToken(String html) {
        Matcher m = FLOW_TOKEN.matcher(html);
        if (!m.find()) throw new AssertionError("no flowToken on the portal page: " + html);
        return m.group(1);
    }

    /** Graph's restart of an inventory device: 202 with the operation's path in Location, which is returned. */
    public String restart(String inventoryId) {
        Request req = new Request.Builder().url(url() + "/beta/teamwork/devices/" + inventoryId + "/restart")
                .header("Authorization", "Bearer " + ADMIN_TOKEN).post(RequestBody.create(new byte[0], APPLICATION_JSON)).build();
        try (Response r = http.newCall(req).execute()) {
            if (r.code() != 202) throw new AssertionError("restart: HTTP " + r.code() + " " + r.body().string());
            return r.header("Location");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An admin call (a 2xx expected); {@code payload} null sends no body. */
    public JsonNode admin(String method, String path, Object payload) {
        Request.Builder req = new Request.Builder().url(url() + path).header("Authorization", "Bearer " + ADMIN_TOKEN);
        req.method(method, payload == null ? (method.equals("GET") ? null : RequestBody.create(new byte[0], APPLICATION_JSON)) : body(payload));
        return call(req.build());
    }

    private JsonNode call(Request req) {
        try (Response r = http.newCall(req).execute()) {
            String text = r.body().string();
            if (!r.isSuccessful()) throw new AssertionError(req.method() + " " + req.url().encodedPath() + ": HTTP " + r.code() + " " + text);
            return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RequestBody body(Object payload) {
        try {
            return RequestBody.create(JSON.writeValueAsBytes(payload), APPLICATION_JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
