package dialtone.backend;

import static dialtone.backend.TestBackends.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dialtone.model.Mac;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminApiTest extends RunningBackendTest {

    @Override
    protected BackendConfig config() {
        return TestBackends.config().signInTimeout(Duration.ofMillis(500)).build();
    }

    @BeforeEach
    void start() {
    }

    @Test
    void rejectsBadRowsOneByOneAndAddsTheGoodOnes() {
        JsonNode result = http.post("/admin/v1/provisioning/devices", List.of(
                Map.of("macAddress", "64:16:7F:0A:0B:01", "location", "ok"),
                Map.of("macAddress", "64:16:7F:0A:0B", "location", "short"),
                Map.of("macAddress", "", "location", "empty"),
                Map.of("macAddress", "64-16-7f-0a-0b-01", "location", "twice in body"),
                Map.of("macAddress", "64:16:7F:0A:0B:03", "location", "x".repeat(257)),
                Map.of("macAddress", "64:16-7F:0A:0B:04", "location", "mixed")), ADMIN_TOKEN).json();
        assertThat(result.path("added")).hasSize(1);
        JsonNode rejected = result.path("rejected");
        assertThat(rejected).hasSize(5);
        assertThat(rejected.get(0).path("row").asInt()).isEqualTo(2);
        assertThat(rejected.get(0).path("reason").asText()).contains("wrong length");
        assertThat(rejected.get(1).path("reason").asText()).isEqualTo("MAC address is empty");
        assertThat(rejected.get(2).path("reason").asText()).isEqualTo("64:16:7F:0A:0B:01 is a duplicate of row 1");
        assertThat(rejected.get(2).path("macAddress").asText()).isEqualTo("64-16-7f-0a-0b-01");
        assertThat(rejected.get(3).path("reason").asText()).contains("257 characters");
        assertThat(rejected.get(4).path("reason").asText()).contains("mixed separators");

        JsonNode again = http.post("/admin/v1/provisioning/devices",
                List.of(Map.of("macAddress", "64167F0A0B01", "location", "again")), ADMIN_TOKEN).json();
        assertThat(again.path("rejected").get(0).path("reason").asText()).contains("already added");
    }

    @Test
    void answersMalformedRequestsWithSpecificMessages() {
        Http.Reply broken = http.postRaw("/admin/v1/provisioning/devices", "[{\"macAddress\": ", ADMIN_TOKEN);
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().path("error").asText()).isEqualTo("malformed_json");
        assertThat(broken.json().path("message").asText()).contains("not valid JSON").doesNotContain("Exception");

        Http.Reply wrongShape = http.postRaw("/admin/v1/provisioning/devices", "{\"macAddress\":\"x\"}", ADMIN_TOKEN);
        assertThat(wrongShape.status()).isEqualTo(400);
        assertThat(wrongShape.json().path("message").asText()).contains("wrong shape").contains("JSON array");

        Http.Reply state = http.get("/admin/v1/provisioning/devices?state=signedOut", ADMIN_TOKEN);
        assertThat(state.status()).isEqualTo(400);
        assertThat(state.json().path("message").asText()).contains("waitingOnActivation");

        Http.Reply badMac = http.post("/admin/v1/provisioning/devices/zz/verificationCode", "", ADMIN_TOKEN);
        assertThat(badMac.status()).isEqualTo(400);
        assertThat(badMac.json().path("error").asText()).isEqualTo("invalid_mac");
    }

    @Test
    void needsTheAdminTokenOfATenant() {
        for (String token : new String[] {null, "nope"}) {
            Http.Reply reply = http.get("/admin/v1/provisioning/summary", token);
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.json().path("error").asText()).isEqualTo("unauthorized");
            assertThat(http.get("/beta/teamwork/devices", token).status()).isEqualTo(401);
        }
        http.post("/admin/v1/provisioning/devices", List.of(Map.of("macAddress", "64167F0A0B05", "location", "")), ADMIN_TOKEN);
        // another tenant's admin sees none of contoso's records
        assertThat(http.get("/admin/v1/provisioning/devices", TestBackends.OTHER_ADMIN_TOKEN).json()).isEmpty();
    }

    @Test
    void codesAndSignInFollowTheRecordsState() {
        Mac mac = Mac.parse("64:16:7F:0A:0B:06");
        assertThat(http.post("/admin/v1/provisioning/devices/" + mac + "/verificationCode", "", ADMIN_TOKEN).status())
                .isEqualTo(404);
        http.post("/admin/v1/provisioning/devices", List.of(Map.of("macAddress", mac.toString(), "location", "")), ADMIN_TOKEN);
        String first = http.post("/admin/v1/provisioning/devices/" + mac + "/verificationCode", "", ADMIN_TOKEN)
                .json().path("code").asText();
        String second = http.post("/admin/v1/provisioning/devices/" + mac + "/verificationCode", "", ADMIN_TOKEN)
                .json().path("code").asText();
        assertThat(second).isNotEqualTo(first);

        Http.Reply signIn = http.post("/admin/v1/provisioning/devices/" + mac + "/signIn", "", ADMIN_TOKEN);
        assertThat(signIn.status()).isEqualTo(409);

        FakePhone phone = new FakePhone(http, mac);
        assertThat(phone.provision(first).json().path("error").asText()).isEqualTo("replaced_code");
        assertThat(phone.provision(second).status()).isEqualTo(200);
        assertThat(http.post("/admin/v1/provisioning/devices/" + mac + "/verificationCode", "", ADMIN_TOKEN).status())
                .isEqualTo(409);
        assertThat(phone.provision(second).json().path("error").asText()).isEqualTo("already_provisioned");

        // nobody long-polls for this phone: the admin gets 504 after the (short) sign-in timeout
        Http.Reply unreachable = http.post("/admin/v1/provisioning/devices/" + mac.compact() + "/signIn", "", ADMIN_TOKEN);
        assertThat(unreachable.status()).isEqualTo(504);
        assertThat(unreachable.json().path("error").asText()).isEqualTo("device_unreachable");
        assertThat(unreachable.json().path("message").asText())
                .isEqualTo("the phone 64:16:7F:0A:0B:06 did not answer the sign-in request within 500 ms");

        assertThat(http.delete("/admin/v1/provisioning/devices/" + mac, ADMIN_TOKEN).status()).isEqualTo(204);
        assertThat(http.delete("/admin/v1/provisioning/devices/" + mac, ADMIN_TOKEN).status()).isEqualTo(404);
    }

    @Test
    void phoneSeesExpiredUsedAndUnknownCodes() {
        Mac mac = Mac.parse("64:16:7F:0A:0B:07");
        FakePhone phone = new FakePhone(http, mac);
        assertThat(phone.provision("123456").json().path("error").asText()).isEqualTo("unknown_device");
        http.post("/admin/v1/provisioning/devices", List.of(Map.of("macAddress", mac.toString(), "location", "")), ADMIN_TOKEN);
        String code = http.post("/admin/v1/provisioning/devices/" + mac + "/verificationCode", "", ADMIN_TOKEN)
                .json().path("code").asText();
        http.post("/test/v1/clock", Map.of("advanceSeconds", 24 * 3600), null);
        Http.Reply expired = phone.provision(code);
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.json().path("error").asText()).isEqualTo("expired_code");

        String fresh = http.post("/admin/v1/provisioning/devices/" + mac + "/verificationCode", "", ADMIN_TOKEN)
                .json().path("code").asText();
        assertThat(phone.provision(fresh).status()).isEqualTo(200);
        // factory reset: record waiting for sign in is dropped, the phone is unbound; the admin adds it again
        assertThat(phone.factoryReset().status()).isEqualTo(204);
        assertThat(phone.hello().json().path("provisioned").asBoolean()).isFalse();
        http.post("/admin/v1/provisioning/devices", List.of(Map.of("macAddress", mac.toString(), "location", "")), ADMIN_TOKEN);
        assertThat(phone.provision(fresh).json().path("error").asText()).isEqualTo("invalid_code");
    }

    @Test
    void testControlsAreAbsentUnlessEnabled() {
        try (BackendServer plain = BackendServer.start(TestBackends.config().testControls(false).build())) {
            Http.Reply reply = new Http(plain.url()).post("/test/v1/clock", Map.of("advanceSeconds", 1), null);
            assertThat(reply.status()).isEqualTo(404);
        }
        JsonNode now = http.post("/test/v1/clock", Map.of("advanceSeconds", 60), null).json();
        assertThat(now.path("now").asText()).isEqualTo("2025-03-01T09:01:00Z");
    }
}
