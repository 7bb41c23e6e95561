package dialtone.backend;

import static dialtone.backend.TestBackends.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dialtone.model.Mac;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every state change of a device's life lands in the audit log: who, what, when, which device; no secret. */
class AuditTest extends RunningBackendTest {
    private final Mac mac = Mac.parse("64:16:7F:0A:11:01");
    private AdminCalls admin;

    @BeforeEach
    void start() {
        admin = new AdminCalls(http, ADMIN_TOKEN);
    }

    @Test
    void recordsADevicesWholeLife() throws Exception {
        admin.add(mac, "Lobby");
        admin.add(Mac.parse("64:16:7F:0A:11:02"), "someone else");
        List<String> secrets = new ArrayList<>();
        secrets.add(admin.code(mac));
        String code;
        try (FakePhone phone = new FakePhone(http, mac)) {
            phone.provision("000000".equals(secrets.get(0)) ? "111111" : "000000");
            http.post("/test/v1/clock", Map.of("advanceSeconds", 60), null);
            code = secrets.get(0);
            phone.provision(code);
            secrets.add(phone.deviceSecret());
            phone.answerSignInRequests();
            JsonNode signIn = http.post("/admin/v1/provisioning/devices/" + mac + "/signIn", "", ADMIN_TOKEN).json();
            PortalForms.signIn(http, signIn.path("userCode").asText(), TestBackends.UPN, TestBackends.PASSWORD);
            String access = phone.pollToken(phone.deviceCode()).json().path("access_token").asText();
            secrets.add(access);
            phone.signedIn(access);
            phone.close();
            phone.signedOut();
            phone.factoryReset();
        }
        admin.add(mac, "Lobby again");
        http.delete("/admin/v1/provisioning/devices/" + mac, ADMIN_TOKEN);

        Http.Reply reply = admin.audit(mac);
        assertThat(reply.status()).isEqualTo(200);
        JsonNode events = reply.json();
        assertThat(events).extracting(e -> e.path("actor").asText() + " " + e.path("action").asText()).containsExactly(
                "admin deviceAdded", "admin verificationCodeIssued", "phone provisioningRefused", "phone provisioned",
                "admin signInRequested", "phone signInStarted", "phone signedIn", "phone signedOut", "phone factoryReset",
                "admin deviceAdded", "admin deviceDeleted");
        assertThat(events).allSatisfy(e -> assertThat(e.path("macAddress").asText()).isEqualTo("64:16:7F:0A:11:01"));
        assertThat(events.get(0).path("at").asText()).isEqualTo("2025-03-01T09:00:00Z");
        assertThat(events.get(0).path("detail").asText()).isEqualTo("location Lobby");
        assertThat(events.get(2).path("detail").asText()).isEqualTo("invalid_code");
        assertThat(events.get(3).path("at").asText()).isEqualTo("2025-03-01T09:01:00Z");
        assertThat(events.get(6).path("detail").asText()).isEqualTo("as " + TestBackends.UPN);
        assertThat(reply.body()).doesNotContain(secrets.toArray(String[]::new));

        JsonNode since = http.get("/admin/v1/audit?mac=" + mac.linuxForm() + "&since=2025-03-01T09:01:00Z", ADMIN_TOKEN).json();
        assertThat(since).hasSize(events.size() - 3);
        JsonNode all = http.get("/admin/v1/audit", ADMIN_TOKEN).json();
        assertThat(all).hasSize(events.size() + 1);
        assertThat(http.get("/admin/v1/audit?mac=64:16:7F:0A:11:01", TestBackends.OTHER_ADMIN_TOKEN).json()).isEmpty();
    }

    @Test
    void recordsTenantChangesAndRefusesBadQueries() {
        http.post("/admin/v1/users", Map.of("upn", "hall@contoso.example", "password", "pw-Hall-1"), ADMIN_TOKEN);
        http.send("PATCH", "/admin/v1/tenant", "{\"organizationName\":\"Contoso Group\"}", "application/json",
                Map.of("Authorization", "Bearer " + ADMIN_TOKEN));
        JsonNode events = http.get("/admin/v1/audit", ADMIN_TOKEN).json();
        assertThat(events).extracting(e -> e.path("action").asText() + " " + e.path("detail").asText())
                .containsExactly("userCreated hall@contoso.example", "tenantUpdated organizationName Contoso Group");
        assertThat(events.get(0).path("macAddress").isNull()).isTrue();

        Http.Reply badMac = http.get("/admin/v1/audit?mac=nope", ADMIN_TOKEN);
        assertThat(badMac.status()).isEqualTo(400);
        assertThat(badMac.json().path("error").asText()).isEqualTo("invalid_mac");
        Http.Reply badSince = http.get("/admin/v1/audit?since=yesterday", ADMIN_TOKEN);
        assertThat(badSince.status()).isEqualTo(400);
        assertThat(badSince.json().path("message").asText()).contains("ISO-8601");
        assertThat(http.get("/admin/v1/audit", null).status()).isEqualTo(401);
    }
}
