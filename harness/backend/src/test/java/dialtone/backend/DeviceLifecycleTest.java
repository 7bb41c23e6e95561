package dialtone.backend;

import static dialtone.backend.TestBackends.ADMIN_TOKEN;
import static dialtone.backend.TestBackends.OTHER_ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dialtone.model.Mac;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tenant binding, the phone's credential, manual sign-out and the factory reset that starts over. */
class DeviceLifecycleTest extends RunningBackendTest {
    private final Mac mac = Mac.parse("64:16:7F:0A:0F:01");
    private AdminCalls contoso;
    private AdminCalls fabrikam;
    private FakePhone phone;

    @BeforeEach
    void start() {
        contoso = new AdminCalls(http, ADMIN_TOKEN);
        fabrikam = new AdminCalls(http, OTHER_ADMIN_TOKEN);
        phone = new FakePhone(http, mac);
    }

    @Test
    void aPhoneBoundToOneTenantCannotBeProvisionedAgainUntilItIsFactoryReset() {
        contoso.add(mac, "Contoso lobby");
        fabrikam.add(mac, "Fabrikam lobby");
        String fabrikamCode = fabrikam.code(mac);
        assertThat(phone.provision(contoso.code(mac)).json().path("organizationName").asText()).isEqualTo("Contoso Ltd");

        Http.Reply intoFabrikam = phone.provision(fabrikamCode);
        assertThat(intoFabrikam.json().path("error").asText()).isEqualTo("provisioned_elsewhere");
        assertThat(intoFabrikam.json().path("message").asText()).isEqualTo("This phone is provisioned to Contoso Ltd, another"
                + " organization. Factory reset it before provisioning it to Fabrikam Inc.");
        Http.Reply wrongInFabrikam = phone.provision(fabrikamCode.equals("000000") ? "000001" : "000000");
        assertThat(wrongInFabrikam.json().path("error").asText()).as("a code of no other tenant").isEqualTo("already_provisioned");
        assertThat(wrongInFabrikam.json().path("message").asText())
                .isEqualTo("This phone is already provisioned to Contoso Ltd. Factory reset it before provisioning it again.");
        // nor again into contoso: no new code for a provisioned record, and the MAC cannot be added twice
        assertThat(http.post("/admin/v1/provisioning/devices/" + mac + "/verificationCode", "", ADMIN_TOKEN).status())
                .isEqualTo(409);
        assertThat(contoso.add(mac, "again").json().path("rejected").get(0).path("reason").asText())
                .isEqualTo("64:16:7F:0A:0F:01 is already provisioned and waiting for sign in");
        assertThat(fabrikam.get("/admin/v1/provisioning/devices?state=waitingOnActivation").json()).hasSize(1);
        assertThat(fabrikam.audit(mac).body()).contains("\"action\":\"provisioningRefused\",\"macAddress\":\"64:16:7F:0A:0F:01\","
                + "\"detail\":\"provisioned_elsewhere\"");

        assertThat(phone.factoryReset().status()).isEqualTo(204);
        assertThat(phone.provision(fabrikamCode).json().path("organizationName").asText()).isEqualTo("Fabrikam Inc");
        assertThat(contoso.get("/admin/v1/provisioning/devices").json()).isEmpty();
        assertThat(fabrikam.get("/admin/v1/provisioning/devices?state=waitingForSignIn").json()).hasSize(1);
        assertThat(phone.hello().json().path("tenantId").asText()).isEqualTo("fabrikam");
    }

    @Test
    void aProvisionedPhoneAuthenticatesWithTheCredentialIssuedAtProvisioning() {
        contoso.add(mac, "");
        // before provisioning the phone has no credential and needs none
        assertThat(phone.authenticated("GET", "/commands?waitSeconds=0", null, null).status()).isEqualTo(200);

        Http.Reply provisioned = phone.provision(contoso.code(mac));
        String secret = provisioned.json().path("deviceSecret").asText();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
        assertThat(phone.authenticated("GET", "/commands?waitSeconds=0", null, null).status()).isEqualTo(200);

        Http.Reply missing = http.get(phone.path("/commands?waitSeconds=0"), null);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().path("message").asText()).contains("X-Device-Secret");
        Http.Reply wrong = http.send("GET", phone.path("/commands?waitSeconds=0"), (byte[]) null, "application/json",
                Map.of("X-Device-Secret", secret + "x"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().path("message").asText()).isEqualTo("the device credential is not valid for 64:16:7F:0A:0F:01")
                .doesNotContain(secret);
        for (String rest : new String[] {"/commands/cmd-1/result", "/signedIn", "/signedOut"}) {
            assertThat(http.post(phone.path(rest), "{}", null).status()).as(rest).isEqualTo(401);
        }
        // open calls stay open
        assertThat(phone.hello().status()).isEqualTo(200);

        // a factory reset withdraws the credential: the old secret is refused, no secret is needed
        String old = phone.deviceSecret();
        phone.factoryReset();
        Http.Reply stale = http.send("GET", phone.path("/commands?waitSeconds=0"), (byte[]) null, "application/json",
                Map.of("X-Device-Secret", old));
        assertThat(stale.status()).isEqualTo(401);
        assertThat(phone.authenticated("GET", "/commands?waitSeconds=0", null, null).status()).isEqualTo(200);
    }

    @Test
    void aManualSignOutKeepsThePhoneOutOfTheTabsAndUnprovisionableUntilAFactoryReset() {
        contoso.add(mac, "Lobby");
        phone.provision(contoso.code(mac));
        signIn();
        assertThat(contoso.get("/beta/teamwork/devices").json().path("value").get(0).path("currentUser").isObject()).isTrue();

        assertThat(phone.signedOut().status()).isEqualTo(204);
        assertThat(contoso.get("/admin/v1/provisioning/devices").json()).isEmpty();
        JsonNode summary = contoso.get("/admin/v1/provisioning/summary").json();
        assertThat(summary.path("waitingForSignIn").asInt()).isZero();
        assertThat(contoso.get("/beta/teamwork/devices").json().path("value").get(0).path("currentUser").isNull()).isTrue();
        assertThat(phone.hello().json().path("organizationName").asText()).isEqualTo("Contoso Ltd");
        Http.Reply remote = http.post("/admin/v1/provisioning/devices/" + mac + "/signIn", "", ADMIN_TOKEN);
        assertThat(remote.status()).isEqualTo(409);
        assertThat(remote.json().path("message").asText()).startsWith("64:16:7F:0A:0F:01 is signedOutOnDevice");

        String reason = contoso.add(mac, "again").json().path("rejected").get(0).path("reason").asText();
        assertThat(reason).isEqualTo("64:16:7F:0A:0F:01 was signed out on the phone; factory reset the phone before adding it again");
        fabrikam.add(mac, "");
        Http.Reply refused = phone.provision(fabrikam.code(mac));
        assertThat(refused.json().path("error").asText()).isEqualTo("provisioned_elsewhere");
        assertThat(phone.signedOut().status()).isEqualTo(409);

        phone.factoryReset();
        contoso.add(mac, "Lobby, after the reset");
        assertThat(phone.provision(contoso.code(mac)).status()).isEqualTo(200);
        assertThat(contoso.get("/admin/v1/provisioning/devices?state=waitingForSignIn").json()).hasSize(1);
    }

    /** The phone's side of a sign-in: device code, portal, token, signedIn with its credential. */
    private void signIn() {
        JsonNode grant = phone.startDeviceCodeGrant("contoso").json();
        PortalForms.signIn(http, grant.path("user_code").asText(), TestBackends.UPN, TestBackends.PASSWORD);
        String accessToken = phone.pollToken(grant.path("device_code").asText()).json().path("access_token").asText();
        Http.Reply signedIn = phone.signedIn(accessToken);
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
    }
}
