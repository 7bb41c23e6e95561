package dialtone.core.backend;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dialtone.model.Json;
import dialtone.model.Mac;
import dialtone.model.audit.AuditEvent;
import dialtone.model.directory.DirectoryUser;
import dialtone.model.directory.NewUser;
import dialtone.model.directory.TenantSettings;
import dialtone.model.provisioning.AddDevicesResult;
import dialtone.model.provisioning.IssuedVerificationCode;
import dialtone.model.provisioning.NewDevice;
import dialtone.model.provisioning.ProvisioningRecord;
import dialtone.model.provisioning.ProvisioningState;
import dialtone.model.provisioning.ProvisioningSummary;
import dialtone.model.provisioning.RemoteSignIn;
import dialtone.model.teamwork.TeamworkDevice;
import dialtone.model.teamwork.TeamworkDeviceHealth;
import dialtone.model.teamwork.TeamworkDeviceList;
import dialtone.model.teamwork.TeamworkDeviceOperation;
import dialtone.model.teamwork.TeamworkDeviceOperationList;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The harness's side of TAC: the emulated backend's admin API, typed. One client per tenant
 * (the admin token names the tenant). Thread-safe.
 */
public final class AdminClient implements AutoCloseable {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final MediaType CSV = MediaType.get("text/csv; charset=utf-8");
    /** The backend waits up to 15 s for the phone by default; leave room for that. */
    private static final Duration SIGN_IN_READ_TIMEOUT = Duration.ofSeconds(45);

    private final HttpUrl base;
    private final String adminToken;
    private final OkHttpClient http;
    private final OkHttpClient slowHttp;
    private final ObjectMapper mapper = Json.newMapper();
    private final boolean ownsHttp;

    public AdminClient(String baseUrl, String adminToken) {
        this(baseUrl, adminToken, new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(20))
                .callTimeout(Duration.ofSeconds(30))
                .build(), true);
    }

    /** Shares the caller's OkHttp client (its pool and dispatcher stay the caller's to close). */
    public AdminClient(String baseUrl, String adminToken, OkHttpClient http) {
        this(baseUrl, adminToken, http, false);
    }

    private AdminClient(String baseUrl, String adminToken, OkHttpClient http, boolean ownsHttp) {
        this.ownsHttp = ownsHttp;
        this.base = Objects.requireNonNull(HttpUrl.parse(baseUrl), () -> "not an http(s) URL: " + baseUrl);
        this.adminToken = Objects.requireNonNull(adminToken, "adminToken");
        this.http = http;
        this.slowHttp = http.newBuilder().readTimeout(SIGN_IN_READ_TIMEOUT).callTimeout(SIGN_IN_READ_TIMEOUT.plusSeconds(5)).build();
    }

    /** {@code "ok"} when the backend is up. */
    public String health() {
        return call(http, "GET", "/health", null, JsonNode.class).path("status").asText();
    }

    public AddDevicesResult addDevices(List<NewDevice> devices) {
        return call(http, "POST", "/admin/v1/provisioning/devices", devices, AddDevicesResult.class);
    }

    /** Adds one MAC; a rejected row becomes a {@link BackendException} (status 422, error {@code rejected}). */
    public ProvisioningRecord addDevice(Mac mac, String location) {
        AddDevicesResult result = addDevices(List.of(NewDevice.of(mac, location)));
        if (!result.rejected().isEmpty()) {
            throw new BackendException("add MAC address " + mac, 422, "rejected", result.rejected().get(0).reason(), null);
        }
        return result.added().get(0);
    }

    /** One of TAC's tabs. */
    public List<ProvisioningRecord> devices(ProvisioningState state) {
        return call(http, "GET", "/admin/v1/provisioning/devices?state=" + state.wireName(), null,
                new TypeReference<List<ProvisioningRecord>>() { });
    }

    /**
     * "Upload MAC addresses": a CSV file as TAC takes it ({@code MAC address,Location} header).
     * Good rows are added, bad rows come back in {@code rejected}, numbered from 1.
     */
    public AddDevicesResult uploadDevices(String csv) {
        return call(http, "POST", "/admin/v1/provisioning/devices/upload", RequestBody.create(csv, CSV),
                mapper.getTypeFactory().constructType(AddDevicesResult.class));
    }

    /** Both tabs. */
    public List<ProvisioningRecord> devices() {
        return call(http, "GET", "/admin/v1/provisioning/devices", null, new TypeReference<List<ProvisioningRecord>>() { });
    }

    public ProvisioningSummary summary() {
        return call(http, "GET", "/admin/v1/provisioning/summary", null, ProvisioningSummary.class);
    }

    public IssuedVerificationCode issueVerificationCode(Mac mac) {
        return call(http, "POST", "/admin/v1/provisioning/devices/" + mac.compact() + "/verificationCode", Map.of(),
                IssuedVerificationCode.class);
    }

    public List<IssuedVerificationCode> issueVerificationCodes() {
        return call(http, "POST", "/admin/v1/provisioning/verificationCodes", Map.of(),
                new TypeReference<List<IssuedVerificationCode>>() { });
    }

    /** "Signed Out" clicked: the backend asks the phone for a device login code (waits for the phone). */
    public RemoteSignIn remoteSignIn(Mac mac) {
        return call(slowHttp, "POST", "/admin/v1/provisioning/devices/" + mac.compact() + "/signIn", Map.of(),
                RemoteSignIn.class);
    }

    public void deleteDevice(Mac mac) {
        call(http, "DELETE", "/admin/v1/provisioning/devices/" + mac.compact(), null, Void.class);
    }

    public List<TeamworkDevice> teamworkDevices() {
        return call(http, "GET", "/beta/teamwork/devices", null, TeamworkDeviceList.class).value();
    }

    public TeamworkDevice teamworkDevice(String id) {
        return call(http, "GET", "/beta/teamwork/devices/" + id, null, TeamworkDevice.class);
    }

    /** Graph's device health: the firmware and Teams app versions the phone last reported. */
    public TeamworkDeviceHealth teamworkDeviceHealth(String id) {
        return call(http, "GET", "/beta/teamwork/devices/" + id + "/health", null, TeamworkDeviceHealth.class);
    }

    /**
     * The backend's audit log slice of one device (every state change: who, what, when), oldest
     * first: what the harness attaches to a device's test result.
     */
    public List<AuditEvent> audit(Mac mac) {
        return call(http, "GET", "/admin/v1/audit?mac=" + mac.compact(), null, new TypeReference<List<AuditEvent>>() { });
    }

    /** The tenant's accounts (never their passwords). */
    public List<DirectoryUser> users() {
        return call(http, "GET", "/admin/v1/users", null, new TypeReference<List<DirectoryUser>>() { });
    }

    /** Creates an account in the admin's tenant; the UPN must be new in every tenant. */
    public DirectoryUser createUser(NewUser user) {
        return call(http, "POST", "/admin/v1/users", user, DirectoryUser.class);
    }

    public TenantSettings tenant() {
        return call(http, "GET", "/admin/v1/tenant", null, TenantSettings.class);
    }

    /** Changes the settings {@code change} names (its null fields stay as they are); returns them all. */
    public TenantSettings updateTenant(TenantSettings change) {
        return call(http, "PATCH", "/admin/v1/tenant", change, TenantSettings.class);
    }

    /** Graph's {@code restart}: queues a {@code deviceRestart} operation and returns it. */
    public TeamworkDeviceOperation restartDevice(String teamworkDeviceId) {
        call(http, "POST", "/beta/teamwork/devices/" + teamworkDeviceId + "/restart", Map.of(), Void.class);
        return operations(teamworkDeviceId).stream()
                .filter(o -> TeamworkDeviceOperation.DEVICE_RESTART.equals(o.operationType()))
                .max(java.util.Comparator.comparing(TeamworkDeviceOperation::createdDateTime))
                .orElseThrow(() -> new BackendException("restart " + teamworkDeviceId, 0, "no_operation",
                        "the backend accepted the restart but lists no deviceRestart operation", null));
    }

    /** A device's last operations (restart, ...). */
    public List<TeamworkDeviceOperation> operations(String teamworkDeviceId) {
        return call(http, "GET", "/beta/teamwork/devices/" + teamworkDeviceId + "/operations", null,
                TeamworkDeviceOperationList.class).value();
    }

    /** The backend clock's now (test control; moves nothing). */
    public Instant backendNow() {
        return advanceClock(Duration.ZERO);
    }

    /** Test control: moves the backend clock forward; returns its new now. */
    public Instant advanceClock(Duration amount) {
        JsonNode now = call(http, "POST", "/test/v1/clock", Map.of("advanceSeconds", amount.toSeconds()), JsonNode.class);
        return Instant.parse(now.path("now").asText());
    }

    /** Test control: the password of {@code upn} (an account of this tenant) expires now, on the backend clock. */
    public void expirePassword(String upn) {
        call(http, "POST", "/test/v1/users/" + upn + "/expirePassword", Map.of(), JsonNode.class);
    }

    private <T> T call(OkHttpClient client, String method, String path, Object body, Class<T> type) {
        return call(client, method, path, body, mapper.getTypeFactory().constructType(type));
    }

    private <T> T call(OkHttpClient client, String method, String path, Object body, TypeReference<T> type) {
        return call(client, method, path, body, mapper.getTypeFactory().constructType(type));
    }

    private <T> T call(OkHttpClient client, String method, String path, Object body, JavaType type) {
        String what = method + " " + path;
        Request.Builder request = new Request.Builder()
                .url(base.resolve(path))
                .header("Authorization", "Bearer " + adminToken)
                .header("Accept", "application/json");
        try {
            request.method(method, body == null ? null : body instanceof RequestBody raw ? raw
                    : RequestBody.create(mapper.writeValueAsBytes(body), JSON));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialise the body of " + what, e);
        }
        try (Response response = client.newCall(request.build()).execute()) {
            String text = response.body().string();
            if (!response.isSuccessful()) {
                throw failure(what, response.code(), text);
            }
            if (type.getRawClass() == Void.class) {
                return null;
            }
            return mapper.readValue(text, type);
        } catch (IOException e) {
            throw new BackendException(what, 0, "unreachable", e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }

    private BackendException failure(String what, int status, String text) {
        try {
            JsonNode error = mapper.readTree(text);
            if (error != null && error.hasNonNull("error")) {
                return new BackendException(what, status, error.path("error").asText(), error.path("message").asText(), null);
            }
        } catch (IOException ignored) {
            // not JSON: fall through
        }
        return new BackendException(what, status, "http_" + status, text.length() > 200 ? text.substring(0, 200) : text, null);
    }

    @Override
    public void close() {
        if (!ownsHttp) {
            return;
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "AdminClient[" + base + ", adminToken=***]";
    }
}
