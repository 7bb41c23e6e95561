package dialtone.backend;

import static dialtone.backend.TestBackends.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dialtone.model.Mac;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The field guide's walk: add MAC, code, provision on the phone, remote sign-in, portal, phone signed in. */
class EndToEndTest extends RunningBackendTest {

    @BeforeEach
    void start() {
    }

    @Test
    void provisionsAndSignsInAPhoneRemotely() throws Exception {
        Mac mac = Mac.parse("64:16:7F:0A:0B:0C");
        assertThat(http.get("/health", null).json().path("status").asText()).isEqualTo("ok");

        try (FakePhone phone = new FakePhone(http, mac)) {
            assertThat(phone.hello().json().path("provisioned").asBoolean()).isFalse();

            JsonNode added = http.post("/admin/v1/provisioning/devices",
                    List.of(Map.of("macAddress", "64-16-7f-0a-0b-0c", "location", "Home_CCX600")), ADMIN_TOKEN).json();
            assertThat(added.path("added").get(0).path("macAddress").asText()).isEqualTo("64:16:7F:0A:0B:0C");
            assertThat(added.path("added").get(0).path("state").asText()).isEqualTo("waitingOnActivation");
            assertThat(added.path("rejected")).isEmpty();

            JsonNode code = http.post("/admin/v1/provisioning/devices/64167F0A0B0C/verificationCode", "", ADMIN_TOKEN).json();
            assertThat(code.path("code").asText()).matches("[0-9]{6}");
            assertThat(code.path("expiresDateTime").asText()).isEqualTo("2025-03-02T09:00:00Z");

            Http.Reply provisioned = phone.provision(code.path("code").asText());
            assertThat(provisioned.status()).isEqualTo(200);
            assertThat(provisioned.json().path("organizationName").asText()).isEqualTo("Contoso Ltd");
            assertThat(phone.hello().json().path("tenantId").asText()).isEqualTo("contoso");

            JsonNode waiting = http.get("/admin/v1/provisioning/devices?state=waitingForSignIn", ADMIN_TOKEN).json();
            assertThat(waiting).hasSize(1);
            assertThat(waiting.get(0).path("userStatus").asText()).isEqualTo("signedOut");
            assertThat(http.get("/admin/v1/provisioning/devices?state=waitingOnActivation", ADMIN_TOKEN).json()).isEmpty();
            JsonNode inventory = http.get("/beta/teamwork/devices", ADMIN_TOKEN).json().path("value");
            assertThat(inventory).hasSize(1);
            assertThat(inventory.get(0).path("hardwareDetail").path("macAddresses").get(0).asText()).isEqualTo(mac.toString());
            assertThat(inventory.get(0).path("currentUser").isNull()).isTrue();

            phone.answerSignInRequests();
            Http.Reply signIn = http.post("/admin/v1/provisioning/devices/" + mac + "/signIn", "", ADMIN_TOKEN);
            assertThat(signIn.status()).as(signIn.body()).isEqualTo(200);
            String userCode = signIn.json().path("userCode").asText();
            assertThat(signIn.json().path("verificationUri").asText()).isEqualTo(backend.url() + "/devicelogin");

            assertThat(phone.pollToken(phone.deviceCode()).json().path("error").asText()).isEqualTo("authorization_pending");

            String done = PortalForms.signIn(http, userCode.toLowerCase(), TestBackends.UPN, TestBackends.PASSWORD);
            assertThat(done).contains("<div id=\"done\">You have signed in to the Microsoft Teams Android application");

            Http.Reply token = phone.pollToken(phone.deviceCode());
            assertThat(token.status()).isEqualTo(200);
            assertThat(token.json().path("token_type").asText()).isEqualTo("Bearer");
            assertThat(token.json().path("refresh_token").asText()).isNotBlank();

            JsonNode user = phone.signedIn(token.json().path("access_token").asText()).json();
            assertThat(user.path("upn").asText()).isEqualTo(TestBackends.UPN);
            assertThat(user.path("signInMode").asText()).isEqualTo("commonArea");
            assertThat(phone.authenticated("POST", "/heartbeat", FakePhone.json(Map.of("activityState", "idle")), null).status())
                    .isEqualTo(200);
        }

        assertThat(http.get("/admin/v1/provisioning/devices", ADMIN_TOKEN).json()).isEmpty();
        JsonNode summary = http.get("/admin/v1/provisioning/summary", ADMIN_TOKEN).json();
        assertThat(summary.path("addedMacAddresses").asInt()).isZero();
        assertThat(summary.path("waitingForSignIn").asInt()).isZero();
        JsonNode device = http.get("/beta/teamwork/devices", ADMIN_TOKEN).json().path("value").get(0);
        assertThat(device.path("currentUser").path("displayName").asText()).isEqualTo(TestBackends.DISPLAY_NAME);
        assertThat(device.path("currentUser").path("userIdentityType").asText()).isEqualTo("user");
        assertThat(device.path("deviceType").asText()).isEqualTo("ipPhone");
        assertThat(device.path("healthStatus").asText()).isEqualTo("healthy");
        assertThat(http.get("/beta/teamwork/devices/" + device.path("id").asText(), ADMIN_TOKEN).json().path("id").asText())
                .isEqualTo(device.path("id").asText());
        // the console page carries no tenant data: it reads it with the admin token the operator pastes
        assertThat(http.get("/", null).body()).contains("Provision new devices").doesNotContain("Contoso Ltd")
                .doesNotContain(mac.toString());
    }
}
