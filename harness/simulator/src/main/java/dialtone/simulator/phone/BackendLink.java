package dialtone.simulator.phone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dialtone.model.Mac;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import okhttp3.Call;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * How a virtual phone talks to the admin backend, over HTTP as a real phone talks to the cloud:
 * the device API ({@code /device/v1/...}) and the identity platform's device-code grant.
 */
final class BackendLink {
    /** Teams Android's public client id, as the identity platform knows it. */
    static final String TEAMS_CLIENT_ID = "1fec8e78-bce4-4aaf-ab1b-5451cc387264";
    private static final MediaType JSON = MediaType.get("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpUrl base;
    private final Mac mac;
    private final OkHttpClient http;
    private final OkHttpClient longPoll;
    private final AtomicReference<Call> currentLongPoll = new AtomicReference<>();
    /** The credential the backend issued at provisioning; sent on every device call while held. */
    private final AtomicReference<String> deviceSecret = new AtomicReference<>();
    static final String DEVICE_SECRET_HEADER = "X-Device-Secret";

    /** @param cut true while the phone is cut off the network (an injected fault): every call fails as a network error */
    BackendLink(String backendUrl, Mac mac, OkHttpClient shared, BooleanSupplier cut) {
        this.base = HttpUrl.get(backendUrl);
        this.mac = mac;
        OkHttpClient network = shared.newBuilder().addInterceptor(chain -> {
            if (cut.getAsBoolean()) throw new IOException("network is unreachable (fault injected: cutBackend)");
            return chain.proceed(chain.request());
        }).build();
        this.http = network.newBuilder().callTimeout(Duration.ofSeconds(15)).build();
        this.longPoll = network.newBuilder().readTimeout(Duration.ofSeconds(40)).callTimeout(Duration.ofSeconds(45)).build();
    }

    /** A refusal the backend explains; the phone shows {@code message}. */
    static final class Refused extends Exception {
        final String error;
        /** The identity platform's {@code error_codes} (e.g. 50055: password expired); empty elsewhere. */
        final List<Integer> errorCodes;

        Refused(String error, String message) {
            this(error, message, List.of());
        }

        Refused(String error, String message, List<Integer> errorCodes) {
            super(message);
            this.error = error;
            this.errorCodes = List.copyOf(errorCodes);
        }
    }

    record Provisioned(String tenantId, String organizationName) {}

    record DeviceCode(String deviceCode, String userCode, String verificationUri, Duration expiresIn, Duration interval) {}

    record Command(String id, String type, String tenantId) {}

    record SignedInAccount(String upn, String displayName, String signInMode) {}

    /** What the identity platform hands the phone; never logged. {@code expiresIn}: the access token's lifetime, null if not said. */
    record Tokens(String accessToken, String refreshToken, Duration expiresIn) {
        @Override
        public String toString() {
            return "Tokens[…]";
        }
    }

    /** {@code GET account}: who signed in and what the tenant asks of the phone. */
    record Account(String upn, String displayName, String signInMode, boolean passwordExpired, boolean enrollmentRequired,
                   boolean deviceAdministratorAllowed) {}

    JsonNode hello(Map<String, String> identity) throws IOException, Refused {
        return post(device("hello"), MAPPER.valueToTree(identity));
    }

    /** A sign of life; returns the interval, in seconds, at which the backend wants the next one. */
    long heartbeat(String activityState) throws IOException, Refused {
        return post(device("heartbeat"), MAPPER.createObjectNode().put("activityState", activityState))
                .path("heartbeatIntervalSeconds").asLong(60);
    }

    /** How a device operation the backend asked for (e.g. a restart) ended. */
    void reportOperation(String operationId, String status) throws IOException, Refused {
        post(device("operations").newBuilder().addPathSegment(operationId).build(),
                MAPPER.createObjectNode().put("status", status));
    }

    /** A factory reset wipes the credential with everything else; the backend is told at the next boot. */
    void forgetCredential() {
        deviceSecret.set(null);
    }

    void reportFactoryReset() throws IOException, Refused {
        forgetCredential();
        post(device("factoryReset"), MAPPER.createObjectNode());
    }

    Provisioned provision(String verificationCode) throws IOException, Refused {
        JsonNode r = post(device("provision"), MAPPER.createObjectNode().put("verificationCode", verificationCode));
        String secret = r.path("deviceSecret").asText(null);
        if (secret != null) {
            deviceSecret.set(secret);
        }
        return new Provisioned(r.path("tenantId").asText(), r.path("organizationName").asText());
    }

    /** Long-polls the command channel; empty when nothing arrived in {@code wait}. */
    Optional<Command> nextCommand(Duration wait) throws IOException, Refused {
        HttpUrl url = device("commands").newBuilder().addQueryParameter("waitSeconds", Long.toString(wait.toSeconds())).build();
        Call call = longPoll.newCall(withCredential(new Request.Builder().url(url).get()).build());
        currentLongPoll.set(call);
        try (Response r = call.execute()) {
            JsonNode body = read(r);
            for (JsonNode c : body.path("commands")) {
                return Optional.of(new Command(c.path("id").asText(), c.path("type").asText(), c.path("tenantId").asText(null)));
            }
            return Optional.empty();
        } finally {
            currentLongPoll.compareAndSet(call, null);
        }
    }

    /** Drops a long-poll in flight: the phone is going down. */
    void cancelLongPoll() {
        Call call = currentLongPoll.getAndSet(null);
        if (call != null) call.cancel();
    }

    void answerCommand(String commandId, Map<String, Object> result) throws IOException, Refused {
        post(device("commands").newBuilder().addPathSegment(commandId).addPathSegment("result").build(), MAPPER.valueToTree(result));
    }

    DeviceCode requestDeviceCode(String tenant) throws IOException, Refused {
        FormBody form = new FormBody.Builder().add("client_id", TEAMS_CLIENT_ID)
                .add("scope", "https://api.spaces.skype.com/.default offline_access").build();
        try (Response r = http.newCall(new Request.Builder().url(oauth(tenant, "devicecode")).post(form).build()).execute()) {
            JsonNode b = read(r);
            return new DeviceCode(b.path("device_code").asText(), b.path("user_code").asText(), b.path("verification_uri").asText(),
                    Duration.ofSeconds(b.path("expires_in").asLong(900)), Duration.ofSeconds(Math.max(1, b.path("interval").asLong(5))));
        }
    }

    /**
     * One token poll. Returns the access token, or empty while the user has not finished; a
     * {@link Refused} carries {@code slow_down}, {@code expired_token}, {@code authorization_declined}...
     */
    Optional<Tokens> pollToken(String tenant, String deviceCode) throws IOException, Refused {
        FormBody form = new FormBody.Builder().add("grant_type", "urn:ietf:params:oauth:grant-type:device_code")
                .add("client_id", TEAMS_CLIENT_ID).add("device_code", deviceCode).build();
        try (Response r = http.newCall(new Request.Builder().url(oauth(tenant, "token")).post(form).build()).execute()) {
            return Optional.of(tokens(read(r)));
        } catch (Refused e) {
            if ("authorization_pending".equals(e.error)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** RFC 6749 §6 refresh; an expired password is {@code invalid_grant} with error code 50055. */
    Tokens refresh(String tenant, String refreshToken) throws IOException, Refused {
        FormBody form = new FormBody.Builder().add("grant_type", "refresh_token")
                .add("client_id", TEAMS_CLIENT_ID).add("refresh_token", refreshToken).build();
        try (Response r = http.newCall(new Request.Builder().url(oauth(tenant, "token")).post(form).build()).execute()) {
            return tokens(read(r));
        }
    }

    Account account(String accessToken) throws IOException, Refused {
        Request req = withCredential(new Request.Builder().url(device("account")))
                .header("Authorization", "Bearer " + accessToken).get().build();
        try (Response r = http.newCall(req).execute()) {
            JsonNode b = read(r);
            return new Account(b.path("upn").asText(), b.path("displayName").asText(), b.path("signInMode").asText(),
                    b.path("passwordExpired").asBoolean(false), b.path("enrollment").path("required").asBoolean(false),
                    b.path("enrollment").path("deviceAdministratorAllowed").asBoolean(true));
        }
    }

    /** Company Portal's enrolment; {@code enrollment_blocked} when the tenant blocks device administrator enrolment. */
    void enroll(String accessToken) throws IOException, Refused {
        Request req = withCredential(new Request.Builder().url(device("enroll")))
                .header("Authorization", "Bearer " + accessToken)
                .post(RequestBody.create("{}", JSON)).build();
        try (Response r = http.newCall(req).execute()) {
            read(r);
        }
    }

    /** The password-expired prompt's Update: the current password proves the person; new tokens come back. */
    Tokens changePassword(String upn, String currentPassword, String newPassword) throws IOException, Refused {
        return tokens(post(device("password"), MAPPER.createObjectNode().put("upn", upn)
                .put("currentPassword", currentPassword).put("newPassword", newPassword)));
    }

    /** Manual sign-out on the phone. */
    void signedOut() throws IOException, Refused {
        post(device("signedOut"), MAPPER.createObjectNode());
    }

    private static Tokens tokens(JsonNode b) {
        return new Tokens(b.path("access_token").asText(), b.path("refresh_token").asText(null),
                b.hasNonNull("expires_in") ? Duration.ofSeconds(b.path("expires_in").asLong()) : null);
    }

    SignedInAccount signedIn(String accessToken) throws IOException, Refused {
        Request req = withCredential(new Request.Builder().url(device("signedIn")))
                .header("Authorization", "Bearer " + accessToken)
                .post(RequestBody.create("{}", JSON)).build();
        try (Response r = http.newCall(req).execute()) {
            JsonNode b = read(r);
            return new SignedInAccount(b.path("upn").asText(), b.path("displayName").asText(), b.path("signInMode").asText());
        }
    }

    private HttpUrl device(String action) {
        return base.newBuilder().addPathSegments("device/v1/devices").addPathSegment(mac.toString()).addPathSegment(action).build();
    }

    private HttpUrl oauth(String tenant, String endpoint) {
        return base.newBuilder().addPathSegment(tenant).addPathSegments("oauth2/v2.0").addPathSegment(endpoint).build();
    }

    private Request.Builder withCredential(Request.Builder request) {
        String secret = deviceSecret.get();
        return secret == null ? request : request.header(DEVICE_SECRET_HEADER, secret);
    }

    private JsonNode post(HttpUrl url, JsonNode body) throws IOException, Refused {
        Request req = withCredential(new Request.Builder().url(url))
                .post(RequestBody.create(MAPPER.writeValueAsBytes(body), JSON)).build();
        try (Response r = http.newCall(req).execute()) {
            return read(r);
        }
    }

    private static JsonNode read(Response r) throws IOException, Refused {
        String text = r.body().string();
        JsonNode body = text.isBlank() ? MAPPER.createObjectNode() : parse(text, r);
        if (!r.isSuccessful()) {
            String message = body.path("message").asText(body.path("error_description").asText("HTTP " + r.code()));
            List<Integer> codes = new ArrayList<>();
            body.path("error_codes").forEach(c -> codes.add(c.asInt()));
            throw new Refused(body.path("error").asText("http_" + r.code()), message, codes);
        }
        return body;
    }

    private static JsonNode parse(String text, Response r) throws IOException {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IOException("backend answered " + r.request().url().encodedPath() + " with HTTP " + r.code() + " and a body that is not JSON");
        }
    }
}
