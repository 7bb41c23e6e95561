package dialtone.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dialtone.model.DeviceLoginCode;
import dialtone.model.Mac;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every RFC 8628 outcome of the token endpoint, in Entra's shape, over HTTP. */
class DeviceCodeOutcomesTest extends RunningBackendTest {
    private FakePhone phone;

    @Override
    protected BackendConfig config() {
        return TestBackends.config().devicePollInterval(Duration.ofSeconds(5)).build();
    }

    @BeforeEach
    void start() {
        phone = new FakePhone(http, Mac.parse("64:16:7F:0A:0D:01"));
    }

    private void advance(long seconds) {
        assertThat(http.post("/test/v1/clock", Map.of("advanceSeconds", seconds), null).status()).isEqualTo(200);
    }

    private static String error(Http.Reply reply) {
        assertThat(reply.status()).isEqualTo(400);
        return reply.json().path("error").asText();
    }

    @Test
    void userCodesAreEightOrNineUnambiguousCharactersWithEnoughEntropy() {
        assertThat(DeviceLoginCode.entropyBits()).isGreaterThanOrEqualTo(34);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            String code = phone.startDeviceCodeGrant("contoso").json().path("user_code").asText();
            assertThat(code.length()).isBetween(8, 9);
            assertThat(code.chars().allMatch(c -> DeviceLoginCode.ALPHABET.indexOf(c) >= 0)).as(code).isTrue();
            seen.add(code);
        }
        assertThat(seen).hasSize(40);
        assertThat(DeviceLoginCode.ALPHABET).doesNotContain("0", "O", "1", "I", "L");
    }

    @Test
    void slowDownGrowsTheIntervalByFiveSecondsAndAPhoneHonouringItIsPending() {
        String deviceCode = phone.startDeviceCodeGrant("contoso").json().path("device_code").asText();
        assertThat(error(phone.pollToken(deviceCode))).isEqualTo("authorization_pending");
        advance(4);
        assertThat(error(phone.pollToken(deviceCode))).isEqualTo("slow_down");
        // the interval is now 10 s, counted from the refused poll
        advance(10);
        assertThat(error(phone.pollToken(deviceCode))).isEqualTo("authorization_pending");
        advance(10);
        assertThat(error(phone.pollToken(deviceCode))).isEqualTo("authorization_pending");
        advance(9);
        assertThat(error(phone.pollToken(deviceCode))).isEqualTo("slow_down");
    }

    @Test
    void aDeclinedSignInReachesThePhoneAsAuthorizationDeclined() {
        JsonNode code = phone.startDeviceCodeGrant("contoso").json();
        String page = http.form("/devicelogin", Map.of("otc", code.path("user_code").asText())).body();
        assertThat(page).contains("id=\"idBtn_Back\"");
        String declined = http.form("/devicelogin/decline", Map.of("flowToken", PortalForms.flowToken(page))).body();
        assertThat(declined).contains("id=\"declined\"");

        Http.Reply poll = phone.pollToken(code.path("device_code").asText());
        assertThat(error(poll)).isEqualTo("authorization_declined");
        // the declined code is spent: the portal no longer takes it
        String again = http.form("/devicelogin", Map.of("otc", code.path("user_code").asText())).body();
        assertThat(PortalForms.error(again)).startsWith("That code didn't work");
    }

    @Test
    void cancelOnThePasswordPageDeclinesToo() {
        JsonNode code = phone.startDeviceCodeGrant("contoso").json();
        String page = http.form("/devicelogin", Map.of("otc", code.path("user_code").asText())).body();
        page = http.form("/devicelogin/account", Map.of("flowToken", PortalForms.flowToken(page))).body();
        page = http.form("/devicelogin/username", Map.of("flowToken", PortalForms.flowToken(page),
                "loginfmt", TestBackends.UPN)).body();
        assertThat(page).contains("id=\"i0118\"").contains("id=\"idBtn_Back\"");
        http.form("/devicelogin/decline", Map.of("flowToken", PortalForms.flowToken(page)));
        assertThat(error(phone.pollToken(code.path("device_code").asText()))).isEqualTo("authorization_declined");
    }

    @Test
    void expiresAfter900SecondsEvenWhenApprovedButNotYetRedeemed() {
        JsonNode code = phone.startDeviceCodeGrant("contoso").json();
        advance(899);
        assertThat(PortalForms.signIn(http, code.path("user_code").asText(), TestBackends.UPN, TestBackends.PASSWORD))
                .contains("id=\"done\"");
        advance(1);
        assertThat(error(phone.pollToken(code.path("device_code").asText()))).isEqualTo("expired_token");
    }

    @Test
    void badVerificationCodeInvalidGrantInvalidClientAndUnsupportedGrantType() {
        assertThat(error(phone.pollToken("garbled!"))).isEqualTo("bad_verification_code");

        JsonNode code = phone.startDeviceCodeGrant("contoso").json();
        String deviceCode = code.path("device_code").asText();
        PortalForms.signIn(http, code.path("user_code").asText(), TestBackends.UPN, TestBackends.PASSWORD);
        assertThat(phone.pollToken(deviceCode).status()).isEqualTo(200);
        assertThat(error(phone.pollToken(deviceCode))).isEqualTo("invalid_grant");

        Http.Reply otherClient = http.form("/organizations/oauth2/v2.0/token", Map.of(
                "grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                "client_id", "00000000-0000-0000-0000-000000000000", "device_code", deviceCode));
        assertThat(error(otherClient)).isEqualTo("invalid_client");
        assertThat(otherClient.json().path("error_description").asText()).contains("00000000-0000-0000-0000-000000000000");

        Http.Reply password = http.form("/organizations/oauth2/v2.0/token", Map.of(
                "grant_type", "password", "client_id", TestBackends.CLIENT_ID));
        assertThat(error(password)).isEqualTo("unsupported_grant_type");
        // error bodies carry no credential
        assertThat(otherClient.body()).doesNotContain(deviceCode);
    }

    @Test
    void userCodesMatchIgnoringCaseDashesAndSpaces() {
        JsonNode code = phone.startDeviceCodeGrant("contoso").json();
        String user = code.path("user_code").asText();
        String typed = " " + user.substring(0, 4).toLowerCase() + "-" + user.substring(4).toLowerCase() + " ";
        String page = http.form("/devicelogin", Map.of("otc", typed)).body();
        assertThat(PortalForms.error(page)).isNull();
        assertThat(page).contains("id=\"otherTile\"");
    }
}
