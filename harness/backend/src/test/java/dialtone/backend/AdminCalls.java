package dialtone.backend;

import dialtone.model.Mac;
import java.util.List;
import java.util.Map;

/** The admin's usual calls, for tests that need them as setup. */
final class AdminCalls {
    private final Http http;
    private final String token;

    AdminCalls(Http http, String token) {
        this.http = http;
        this.token = token;
    }

    Http.Reply add(Mac mac, String location) {
        return http.post("/admin/v1/provisioning/devices", List.of(Map.of("macAddress", mac.toString(), "location", location)),
                token);
    }

    /** Generates a verification code for {@code mac} and returns it. */
    String code(Mac mac) {
        Http.Reply reply = http.post("/admin/v1/provisioning/devices/" + mac + "/verificationCode", "", token);
        if (reply.status() != 200) {
            throw new AssertionError("no code for " + mac + ": " + reply.body());
        }
        return reply.json().path("code").asText();
    }

    Http.Reply upload(String csv) {
        return http.send("POST", "/admin/v1/provisioning/devices/upload", csv, "text/csv", Map.of("Authorization", "Bearer " + token));
    }

    Http.Reply get(String path) {
        return http.get(path, token);
    }

    Http.Reply audit(Mac mac) {
        return http.get("/admin/v1/audit?mac=" + mac.compact(), token);
    }
}
