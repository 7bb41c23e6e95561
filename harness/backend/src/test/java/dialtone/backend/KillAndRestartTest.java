package dialtone.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dialtone.backend.store.StoreException;
import dialtone.backend.store.h2.H2Store;
import dialtone.model.Mac;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backend in its own JVM is killed with SIGKILL in the middle of a lab's day and started again
 * on the same data directory: every tenant, tenant setting, account, record, code, binding,
 * token, device credential, audit event and inventory entry it had answered for is still there.
 */
class KillAndRestartTest {
    private static final String TOKEN = "admin-token-kill-test-4Kq9";
    private static final String PASSWORD = "Lobby-Pass-kill-77";
    private static final String DEVICES = "/admin/v1/provisioning/devices";
    private static final Mac SIGNED_IN = Mac.parse("64:16:7F:00:00:01");
    private static final Mac WAITING_ON_ACTIVATION = Mac.parse("64:16:7F:00:00:02");
    private static final Mac WAITING_FOR_SIGN_IN = Mac.parse("64:16:7F:00:00:03");
    private static final String NEW_UPN = "megan.bowen@contoso.example";
    private static final String NEW_PASSWORD_EXPIRY = "2031-01-15T08:30:00Z";

    @TempDir
    Path dataDir;

    @Test
    void aKilledBackendLosesNothingItAnsweredFor() throws Exception {
        String unusedCode;
        SignedInPhone signedInPhone;
        String deviceSecret;
        JsonNode auditBefore;
        try (BackendProcess first = BackendProcess.start(dataDir,
                Map.of(StandaloneBackend.ADMIN_TOKEN_ENV, TOKEN, StandaloneBackend.DEMO_PASSWORD_ENV, PASSWORD),
                "--test-controls")) {
            Http http = new Http(first.awaitUrl(60));
            JsonNode added = http.post(DEVICES, List.of(
                    Map.of("macAddress", SIGNED_IN.toString(), "location", "Lobby"),
                    Map.of("macAddress", WAITING_ON_ACTIVATION.toString(), "location", "Hall"),
                    Map.of("macAddress", WAITING_FOR_SIGN_IN.toString(), "location", "Kitchen")), TOKEN).json();
            assertThat(added.path("added")).hasSize(3);

            signedInPhone = provisionAndSignIn(http, SIGNED_IN);
            try (FakePhone phone = new FakePhone(http, WAITING_FOR_SIGN_IN)) {
                phone.hello();
                assertThat(phone.provision(code(http, WAITING_FOR_SIGN_IN)).status()).isEqualTo(200);
                deviceSecret = phone.deviceSecret();
                assertThat(deviceSecret).isNotBlank();
                assertThat(phone.authenticated("GET", "/commands?waitSeconds=0", null, null).status()).isEqualTo(200);
            }

            Http.Reply user = http.post("/admin/v1/users", Map.of("upn", NEW_UPN, "displayName", "Megan Bowen",
                    "signInMode", "personal", "password", "Megan-Pass-31!", "passwordExpiresDateTime", NEW_PASSWORD_EXPIRY,
                    "mfa", true), TOKEN);
            assertThat(user.status()).as(user.body()).isEqualTo(201);
            Http.Reply tenant = http.send("PATCH", "/admin/v1/tenant",
                    FakePhone.json(Map.of("intuneEnrollmentRequired", true, "deviceAdministratorEnrollment", "blocked")),
                    "application/json", Map.of("Authorization", "Bearer " + TOKEN));
            assertThat(tenant.status()).as(tenant.body()).isEqualTo(200);

            auditBefore = http.get("/admin/v1/audit?mac=" + SIGNED_IN, TOKEN).json();
            assertThat(auditBefore).extracting(e -> e.path("action").asText())
                    .contains("deviceAdded", "verificationCodeIssued", "provisioned", "signInRequested", "signedIn");
            // while it runs, nobody else may open its data directory
            assertThatThrownBy(() -> H2Store.open(dataDir)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("in use");

            // killed right after an answer: what was answered must already be in the file
            unusedCode = code(http, WAITING_ON_ACTIVATION);
            first.kill();
        }

        // no --test-controls and no environment: nothing is seeded, everything below was stored
        try (BackendProcess second = BackendProcess.start(dataDir, Map.of())) {
            Http http = new Http(second.awaitUrl(60));

            // the device's slice of the audit log, event for event (read first: the calls below add to it)
            JsonNode auditAfter = http.get("/admin/v1/audit?mac=" + SIGNED_IN, TOKEN).json();
            assertThat(auditAfter).isEqualTo(auditBefore);

            JsonNode summary = http.get("/admin/v1/provisioning/summary", TOKEN).json();
            assertThat(summary.path("waitingOnActivation").asInt()).isEqualTo(1);
            assertThat(summary.path("waitingForSignIn").asInt()).isEqualTo(1);
            JsonNode waitingOnActivation = http.get(DEVICES + "?state=waitingOnActivation", TOKEN).json();
            assertThat(waitingOnActivation.get(0).path("macAddress").asText()).isEqualTo(WAITING_ON_ACTIVATION.toString());
            assertThat(waitingOnActivation.get(0).path("location").asText()).isEqualTo("Hall");
            assertThat(http.get(DEVICES + "?state=waitingForSignIn", TOKEN).json().get(0).path("macAddress").asText())
                    .isEqualTo(WAITING_FOR_SIGN_IN.toString());

            JsonNode inventory = http.get("/beta/teamwork/devices", TOKEN).json().path("value");
            assertThat(inventory).hasSize(2);
            JsonNode signedIn = inventory.get(0);
            assertThat(signedIn.path("hardwareDetail").path("macAddresses").get(0).asText()).isEqualTo(SIGNED_IN.toString());
            assertThat(signedIn.path("hardwareDetail").path("model").asText()).isEqualTo("CCX 600");
            assertThat(signedIn.path("currentUser").path("displayName").asText()).isEqualTo(StandaloneBackend.DEMO_DISPLAY_NAME);

            try (FakePhone bound = new FakePhone(http, SIGNED_IN)) {
                assertThat(bound.hello().json().path("tenantId").asText()).isEqualTo(StandaloneBackend.DEMO_TENANT);
                assertThat(bound.provision("123456").json().path("error").asText()).isEqualTo("already_provisioned");
                Http.Reply again = bound.withDeviceSecret(signedInPhone.deviceSecret()).signedIn(signedInPhone.accessToken());
                assertThat(again.status()).as("access token and credential issued before the kill: " + again.body())
                        .isEqualTo(200);
            }
            try (FakePhone waiting = new FakePhone(http, WAITING_ON_ACTIVATION)) {
                Http.Reply provisioned = waiting.provision(unusedCode);
                assertThat(provisioned.status()).as(provisioned.body()).isEqualTo(200);
                assertThat(provisioned.json().path("organizationName").asText()).isEqualTo(StandaloneBackend.DEMO_ORGANIZATION);
            }

            // the account and its password: a new device-code sign-in at the portal still works
            try (FakePhone another = new FakePhone(http, Mac.parse("64:16:7F:00:00:09"))) {
                String userCode = another.startDeviceCodeGrant(StandaloneBackend.DEMO_TENANT).json().path("user_code").asText();
                assertThat(PortalForms.signIn(http, userCode, StandaloneBackend.DEMO_UPN, PASSWORD)).contains("id=\"done\"");
            }

            // the account created and the tenant settings changed through the admin API
            JsonNode megan = null;
            for (JsonNode u : http.get("/admin/v1/users", TOKEN).json()) {
                if (u.path("upn").asText().equals(NEW_UPN)) {
                    megan = u;
                }
            }
            assertThat(megan).as("the account created before the kill").isNotNull();
            assertThat(megan.path("signInMode").asText()).isEqualTo("personal");
            assertThat(megan.path("mfa").asBoolean()).isTrue();
            assertThat(java.time.Instant.parse(megan.path("passwordExpiresDateTime").asText()))
                    .isEqualTo(java.time.Instant.parse(NEW_PASSWORD_EXPIRY));
            JsonNode settings = http.get("/admin/v1/tenant", TOKEN).json();
            assertThat(settings.path("intuneEnrollmentRequired").asBoolean()).isTrue();
            assertThat(settings.path("deviceAdministratorEnrollment").asText()).isEqualTo("blocked");
            assertThat(settings.path("organizationName").asText()).isEqualTo(StandaloneBackend.DEMO_ORGANIZATION);

            // the credential issued at provisioning is still the phone's, and only its own
            try (FakePhone kept = new FakePhone(http, WAITING_FOR_SIGN_IN)) {
                assertThat(kept.withDeviceSecret(deviceSecret).authenticated("GET", "/commands?waitSeconds=0", null, null)
                        .status()).isEqualTo(200);
                Http.Reply forged = kept.withDeviceSecret((deviceSecret.charAt(0) == 'A' ? "B" : "A") + deviceSecret.substring(1))
                        .authenticated("GET", "/commands?waitSeconds=0", null, null);
                assertThat(forged.status()).as(forged.body()).isEqualTo(401);
            }

            assertThat(http.post("/test/v1/clock", Map.of("advanceSeconds", 1), null).status())
                    .as("test controls are off without --test-controls").isEqualTo(404);
        }
    }

    private static String code(Http http, Mac mac) {
        return http.post(DEVICES + "/" + mac + "/verificationCode", "", TOKEN).json().path("code").asText();
    }

    private record SignedInPhone(String accessToken, String deviceSecret) {
    }

    /** Provisioned with its code, then signed in remotely with the demo account. */
    private static SignedInPhone provisionAndSignIn(Http http, Mac mac) throws Exception {
        try (FakePhone phone = new FakePhone(http, mac)) {
            phone.hello();
            assertThat(phone.provision(code(http, mac)).status()).isEqualTo(200);
            phone.answerSignInRequests();
            Http.Reply signIn = http.post(DEVICES + "/" + mac + "/signIn", "", TOKEN);
            assertThat(signIn.status()).as(signIn.body()).isEqualTo(200);
            String done = PortalForms.signIn(http, signIn.json().path("userCode").asText(), StandaloneBackend.DEMO_UPN, PASSWORD);
            assertThat(done).contains("id=\"done\"");
            JsonNode token = phone.pollToken(phone.deviceCode()).json();
            String accessToken = token.path("access_token").asText();
            assertThat(accessToken).as(token.toString()).isNotBlank();
            assertThat(phone.signedIn(accessToken).status()).isEqualTo(200);
            return new SignedInPhone(accessToken, phone.deviceSecret());
        }
    }
}
