package dialtone.backend;

import static dialtone.backend.TestBackends.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dialtone.model.Mac;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /admin/v1/users} and {@code /admin/v1/tenant}. */
class DirectoryApiTest extends RunningBackendTest {

    @BeforeEach
    void start() {
    }

    @Test
    void createsUsersThatCanSignInAndNeverShowsTheirPasswords() {
        Http.Reply created = http.post("/admin/v1/users", Map.of("upn", "Conference.Room@contoso.example",
                "displayName", "Conference Room", "signInMode", "conference", "password", "Room-Pass-42",
                "accessTokenLifetimeSeconds", 7), ADMIN_TOKEN);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("signInMode").asText()).isEqualTo("conference");
        JsonNode users = http.get("/admin/v1/users", ADMIN_TOKEN).json();
        assertThat(users).extracting(u -> u.path("upn").asText())
                .containsExactly(TestBackends.UPN, "Conference.Room@contoso.example");
        assertThat(users.get(0).path("signInMode").asText()).isEqualTo("commonArea");
        assertThat(http.get("/admin/v1/users", ADMIN_TOKEN).body()).doesNotContain(TestBackends.PASSWORD, "Room-Pass-42",
                "\"password\"");

        FakePhone phone = new FakePhone(http, Mac.parse("64:16:7F:0A:12:01"));
        JsonNode grant = phone.startDeviceCodeGrant("contoso").json();
        String done = PortalForms.signIn(http, grant.path("user_code").asText(), "conference.room@contoso.example", "Room-Pass-42");
        assertThat(done).contains("id=\"done\"");
        JsonNode tokens = phone.pollToken(grant.path("device_code").asText()).json();
        assertThat(tokens.path("expires_in").asLong()).as("the account's own access token lifetime").isEqualTo(7);
        String access = tokens.path("access_token").asText();
        assertThat(phone.signedIn(access).json().path("signInMode").asText()).isEqualTo("conference");
    }

    @Test
    void refusesBadOrDuplicateUsersWithTheReason() {
        assertRefused(http.post("/admin/v1/users", Map.of("upn", "not an upn", "password", "x"), ADMIN_TOKEN),
                400, "invalid_user", "upn must be a user principal name");
        assertRefused(http.post("/admin/v1/users", Map.of("upn", "a@contoso.example"), ADMIN_TOKEN),
                400, "invalid_user", "password is required");
        assertRefused(http.post("/admin/v1/users", Map.of("upn", "a@contoso.example", "password", "x", "signInMode", "kiosk"),
                ADMIN_TOKEN), 400, "malformed_json", "wrong shape");
        assertRefused(http.postRaw("/admin/v1/users", "{\"upn\": ", ADMIN_TOKEN), 400, "malformed_json", "not valid JSON");
        assertRefused(http.post("/admin/v1/users", Map.of("upn", "a@contoso.example", "password", "x", "accessTokenLifetimeSeconds", 0),
                ADMIN_TOKEN), 400, "invalid_user", "accessTokenLifetimeSeconds must be 1 to 86400, found 0");
        // user principal names are unique across tenants
        assertRefused(http.post("/admin/v1/users", Map.of("upn", TestBackends.OTHER_UPN.toUpperCase(), "password", "x"),
                ADMIN_TOKEN), 409, "user_exists", "is already taken");
        assertThat(http.get("/admin/v1/users", ADMIN_TOKEN).json()).hasSize(1);
    }

    @Test
    void storesMfaAndPasswordExpiryOfANewUser() {
        Http.Reply created = http.post("/admin/v1/users", Map.of("upn", "b@contoso.example", "password", "x", "mfa", true,
                "passwordExpiresDateTime", "2030-01-01T00:00:00Z"), ADMIN_TOKEN);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("mfa").asBoolean()).isTrue();
        assertThat(created.json().path("passwordExpiresDateTime").asText()).isEqualTo("2030-01-01T00:00:00Z");
        assertThat(created.body()).doesNotContain("\"password\"");
    }

    @Test
    void renamesTheTenantAndThePhonesShowTheNewName() {
        Mac mac = Mac.parse("64:16:7F:0A:12:02");
        AdminCalls admin = new AdminCalls(http, ADMIN_TOKEN);
        admin.add(mac, "");
        FakePhone phone = new FakePhone(http, mac);
        phone.provision(admin.code(mac));

        JsonNode tenant = http.get("/admin/v1/tenant", ADMIN_TOKEN).json();
        assertThat(tenant.path("organizationName").asText()).isEqualTo("Contoso Ltd");
        Http.Reply patched = patch("{\"organizationName\":\" Contoso Group \"}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().path("organizationName").asText()).isEqualTo("Contoso Group");
        assertThat(phone.hello().json().path("organizationName").asText()).isEqualTo("Contoso Group");

        assertRefused(patch("{\"organizationName\":\"  \"}"), 400, "invalid_request", "organizationName must be 1 to 256");
        assertRefused(patch("{\"tenantId\":\"fabrikam\"}"), 400, "invalid_request", "tenantId cannot be changed");
        assertRefused(patch("{\"deviceAdministratorEnrollment\":\"maybe\"}"), 400, "invalid_request", "allowed or blocked");
        assertThat(http.get("/admin/v1/tenant", ADMIN_TOKEN).json().path("organizationName").asText()).isEqualTo("Contoso Group");

        Http.Reply intune = patch("{\"intuneEnrollmentRequired\":true,\"deviceAdministratorEnrollment\":\"blocked\"}");
        assertThat(intune.status()).as(intune.body()).isEqualTo(200);
        assertThat(intune.json().path("intuneEnrollmentRequired").asBoolean()).isTrue();
        assertThat(intune.json().path("deviceAdministratorEnrollment").asText()).isEqualTo("blocked");
        assertThat(http.get("/admin/v1/tenant", ADMIN_TOKEN).json().path("deviceAdministratorEnrollment").asText()).isEqualTo("blocked");
    }

    private Http.Reply patch(String body) {
        return http.send("PATCH", "/admin/v1/tenant", body, "application/json", Map.of("Authorization", "Bearer " + ADMIN_TOKEN));
    }

    private static void assertRefused(Http.Reply reply, int status, String error, String message) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().path("error").asText()).isEqualTo(error);
        assertThat(reply.json().path("message").asText()).contains(message);
    }
}
