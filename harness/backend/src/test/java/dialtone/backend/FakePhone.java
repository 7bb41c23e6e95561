package dialtone.backend;

import com.fasterxml.jackson.databind.JsonNode;
import dialtone.model.Mac;
import dialtone.model.device.CommandResult;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** The device side, as a virtual phone would speak it: long-polls commands, answers remoteSignIn, polls tokens. */
final class FakePhone implements AutoCloseable {
    private final Http http;
    private final Mac mac;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicReference<String> deviceCode = new AtomicReference<>();
    /** The credential from the provision reply: kept across reboots, dropped at factory reset. */
    private final AtomicReference<String> deviceSecret = new AtomicReference<>();
    private Thread thread;

    FakePhone(Http http, Mac mac) {
        this.http = http;
        this.mac = mac;
    }

    String path(String rest) {
        return "/device/v1/devices/" + mac.linuxForm() + rest;
    }

    Http.Reply hello() {
        return http.post(path("/hello"), Map.of("model", "CCX 600", "manufacturer", "Poly", "firmware", "9.0.0.10315",
                "serialNumber", "SN-" + mac.compact(), "teamsVersion", "1449/1.0.94.2024"), null);
    }

    Http.Reply provision(String code) {
        Http.Reply reply = http.post(path("/provision"), Map.of("verificationCode", code), null);
        if (reply.status() == 200) {
            deviceSecret.set(reply.json().path("deviceSecret").asText());
        }
        return reply;
    }

    Http.Reply factoryReset() {
        deviceSecret.set(null);
        return http.post(path("/factoryReset"), "", null);
    }

    String deviceSecret() {
        return deviceSecret.get();
    }

    /** This phone holding {@code secret} as its credential (one it kept from an earlier provision, or a forged one). */
    FakePhone withDeviceSecret(String secret) {
        deviceSecret.set(secret);
        return this;
    }

    /** A device call that carries the phone's credential (if it has one). */
    Http.Reply authenticated(String method, String rest, String body, String bearer) {
        Map<String, String> headers = new java.util.HashMap<>();
        headers.put("X-Device-Secret", deviceSecret.get());
        headers.put("Authorization", bearer == null ? null : "Bearer " + bearer);
        return http.send(method, path(rest), body, "application/json", headers);
    }

    Http.Reply signedOut() {
        return authenticated("POST", "/signedOut", "{}", null);
    }

    /** Starts answering remote sign-in commands in the background, as a phone's command loop does. */
    FakePhone answerSignInRequests() {
        running.set(true);
        thread = new Thread(() -> {
            while (running.get()) {
                Http.Reply reply = authenticated("GET", "/commands?waitSeconds=1", null, null);
                for (JsonNode command : reply.json().path("commands")) {
                    if (command.path("type").asText().equals("remoteSignIn")) {
                        JsonNode code = startDeviceCodeGrant(command.path("tenantId").asText()).json();
                        deviceCode.set(code.path("device_code").asText());
                        authenticated("POST", "/commands/" + command.path("id").asText() + "/result",
                                json(CommandResult.signInStarted(code.path("user_code").asText(),
                                        code.path("verification_uri").asText(), code.path("expires_in").asLong())), null);
                    }
                }
            }
        }, "fake-phone-" + mac.compact());
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    Http.Reply startDeviceCodeGrant(String tenant) {
        return http.form("/" + tenant + "/oauth2/v2.0/devicecode",
                Map.of("client_id", TestBackends.CLIENT_ID, "scope", "https://api.spaces.skype.com/.default offline_access"));
    }

    String deviceCode() {
        return deviceCode.get();
    }

    Http.Reply pollToken(String code) {
        return http.form("/organizations/oauth2/v2.0/token", Map.of(
                "grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                "client_id", TestBackends.CLIENT_ID, "device_code", code));
    }

    Http.Reply signedIn(String accessToken) {
        return authenticated("POST", "/signedIn", "{}", accessToken);
    }

    static String json(Object value) {
        try {
            return Http.JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        if (thread != null) {
            thread.join(5_000);
        }
    }
}
