package dialtone.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dialtone.model.Mac;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdentityTest extends RunningBackendTest {
    private FakePhone phone;

    @Override
    protected BackendConfig config() {
        return TestBackends.config().devicePollInterval(Duration.ofSeconds(5)).build();
    }

    @BeforeEach
    void start() {
        phone = new FakePhone(http, Mac.parse("64:16:7F:0A:0C:01"));
    }

    @Test
    void issuesDeviceCodesInEntrasShape() {
        JsonNode code = phone.startDeviceCodeGrant("contoso").json();
        assertThat(code.path("user_code").asText()).hasSize(9);
        assertThat(code.path("device_code").asText().length()).isGreaterThan(40);
        assertThat(code.path("expires_in").asInt()).isEqualTo(900);
        assertThat(code.path("interval").asInt()).isEqualTo(5);
        assertThat(code.path("message").asText()).isEqualTo("To sign in, use a web browser to open the page "
                + backend.url() + "/devicelogin and enter the code " + code.path("user_code").asText() + " to authenticate.");
    }

    @Test
    void rejectsAnUnknownClient() {
        Http.Reply reply = http.form("/organizations/oauth2/v2.0/devicecode", Map.of("client_id", "someone-else", "scope", "openid"));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").asText()).isEqualTo("invalid_client");
        assertThat(reply.json().path("error_description").asText()).contains("someone-else");
    }

    @Test
    void pendingSlowDownThenSuccess() {
        JsonNode code = phone.startDeviceCodeGrant("organizations").json();
        String deviceCode = code.path("device_code").asText();
        assertThat(phone.pollToken(deviceCode).json().path("error").asText()).isEqualTo("authorization_pending");
        Http.Reply tooFast = phone.pollToken(deviceCode);
        assertThat(tooFast.status()).isEqualTo(400);
        assertThat(tooFast.json().path("error").asText()).isEqualTo("slow_down");
        // the interval is now 10 s: 5 s later is still too fast
        http.post("/test/v1/clock", Map.of("advanceSeconds", 5), null);
        assertThat(phone.pollToken(deviceCode).json().path("error").asText()).isEqualTo("slow_down");
        http.post("/test/v1/clock", Map.of("advanceSeconds", 15), null);
        assertThat(phone.pollToken(deviceCode).json().path("error").asText()).isEqualTo("authorization_pending");

        String user = code.path("user_code").asText();
        String spaced = user.substring(0, 3).toLowerCase() + "-" + user.substring(3, 6) + " " + user.substring(6);
        assertThat(PortalForms.signIn(http, spaced, TestBackends.UPN, TestBackends.PASSWORD)).contains("id=\"done\"");
        Http.Reply token = phone.pollToken(deviceCode);
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.json().path("expires_in").asInt()).isEqualTo(3600);
        // a device code is redeemed once
        assertThat(phone.pollToken(deviceCode).json().path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void expiresAfter900SecondsOnTheBackendClock() {
        JsonNode code = phone.startDeviceCodeGrant("contoso").json();
        http.post("/test/v1/clock", Map.of("advanceSeconds", 900), null);
        assertThat(phone.pollToken(code.path("device_code").asText()).json().path("error").asText()).isEqualTo("expired_token");
        String page = http.form("/devicelogin", Map.of("otc", code.path("user_code").asText())).body();
        assertThat(PortalForms.error(page)).startsWith("That code has expired");
        assertThat(phone.pollToken("not-a-device-code").json().path("error").asText()).isEqualTo("bad_verification_code");
    }

    @Test
    void portalReportsEachWrongInput() {
        assertThat(PortalForms.error(PortalForms.signIn(http, "XXXXXXXXX", TestBackends.UPN, TestBackends.PASSWORD)))
                .isEqualTo("That code didn't work. Check the code and try again.");
        String userCode = phone.startDeviceCodeGrant("contoso").json().path("user_code").asText();
        assertThat(PortalForms.error(PortalForms.signIn(http, userCode, "nobody@contoso.example", "x")))
                .startsWith("This username may be incorrect.");
        assertThat(PortalForms.error(PortalForms.signIn(http, userCode, TestBackends.UPN, "wrong")))
                .startsWith("Your account or password is incorrect.");
        // a contoso device code cannot be approved by a fabrikam account
        assertThat(PortalForms.error(PortalForms.signIn(http, userCode, TestBackends.OTHER_UPN, TestBackends.OTHER_PASSWORD)))
                .contains("isn't in Contoso Ltd");
    }

    @Test
    void signedInNeedsAValidAccessToken() {
        Http.Reply reply = phone.signedIn("forged");
        assertThat(reply.status()).isEqualTo(401);
    }
}
