package dialtone.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dialtone.model.DeviceAdministratorEnrollment;
import dialtone.model.Mac;
import dialtone.model.SignInMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Accounts and tenant policies: which accounts remote sign-in takes, what a phone learns at
 * sign-in (enrolment, password expiry) and the device-side password change.
 */
class AccountPolicyTest {
    static final Instant START = Instant.parse("2025-03-01T09:00:00Z");
    static final String PERSONAL = "megan@contoso.example";
    static final String MFA = "mfa.phone@contoso.example";
    static final String ROOM = "room.trio@contoso.example";
    static final String EXPIRING = "expiring.phone@contoso.example";
    static final String EXPIRED = "expired.phone@contoso.example";
    static final String PASSWORD = "Shared-Pass-123";

    private BackendServer backend;
    private Http http;
    private FakePhone phone;

    private void start(boolean intuneRequired, DeviceAdministratorEnrollment deviceAdministrator) {
        TenantConfig contoso = new TenantConfig(TestBackends.TENANT, TestBackends.ORGANIZATION, TestBackends.ADMIN_TOKEN,
                List.of(UserAccount.commonArea(TestBackends.UPN, TestBackends.DISPLAY_NAME, TestBackends.PASSWORD),
                        new UserAccount(PERSONAL, "Megan", PASSWORD, SignInMode.PERSONAL),
                        UserAccount.commonArea(MFA, "MFA Phone", PASSWORD).withMfa(true),
                        new UserAccount(ROOM, "Room Trio", PASSWORD, SignInMode.CONFERENCE),
                        UserAccount.commonArea(EXPIRING, "Expiring", PASSWORD).withPasswordExpiry(START.plus(Duration.ofMinutes(30))),
                        UserAccount.commonArea(EXPIRED, "Expired", PASSWORD).withPasswordExpiry(START.minusSeconds(1))),
                intuneRequired, deviceAdministrator);
        backend = BackendServer.start(TestBackends.config().tenants(List.of(contoso)).build());
        http = new Http(backend.url());
        phone = new FakePhone(http, Mac.parse("64:16:7F:0A:0F:01"));
    }

    @AfterEach
    void stop() {
        if (backend != null) {
            backend.close();
        }
    }

    private String portal(String upn, String password) {
        String userCode = phone.startDeviceCodeGrant("contoso").json().path("user_code").asText();
        return PortalForms.signIn(http, userCode, upn, password);
    }

    /** Device code, portal, token: the phone's access and refresh tokens. */
    private JsonNode signIn(String upn, String password) {
        JsonNode code = phone.startDeviceCodeGrant("contoso").json();
        assertThat(PortalForms.signIn(http, code.path("user_code").asText(), upn, password)).contains("id=\"done\"");
        Http.Reply token = phone.pollToken(code.path("device_code").asText());
        assertThat(token.status()).isEqualTo(200);
        return token.json();
    }

    private Http.Reply refresh(String refreshToken) {
        return http.form("/organizations/oauth2/v2.0/token", Map.of("grant_type", "refresh_token",
                "client_id", TestBackends.CLIENT_ID, "refresh_token", refreshToken));
    }

    @Test
    void aPersonalAccountEndsInTheSharedDevicesOnlyMessageAndTheCodeStaysPending() {
        start(false, DeviceAdministratorEnrollment.ALLOWED);
        JsonNode code = phone.startDeviceCodeGrant("contoso").json();
        String page = PortalForms.signIn(http, code.path("user_code").asText(), PERSONAL, PASSWORD);
        assertThat(PortalThrottleTest.errorCode(page)).isEqualTo("sharedDevicesOnly");
        assertThat(PortalForms.error(page)).startsWith("Remote sign-in is for shared devices only.")
                .contains(PERSONAL);
        assertThat(page).doesNotContain("id=\"done\"");
        assertThat(phone.pollToken(code.path("device_code").asText()).json().path("error").asText())
                .isEqualTo("authorization_pending");
        // the same code then works with a shared account
        assertThat(PortalForms.signIn(http, code.path("user_code").asText(), TestBackends.UPN, TestBackends.PASSWORD))
                .contains("id=\"done\"");
    }

    @Test
    void anMfaAccountIsNotSupportedOnSharedDevicesAndAWrongPasswordIsSaidFirst() {
        start(false, DeviceAdministratorEnrollment.ALLOWED);
        assertThat(PortalThrottleTest.errorCode(portal(MFA, "wrong"))).isEqualTo("wrongPassword");
        String page = portal(MFA, PASSWORD);
        assertThat(PortalThrottleTest.errorCode(page)).isEqualTo("mfaNotSupported");
        assertThat(PortalForms.error(page)).isEqualTo("Multi-factor authentication is not supported on shared devices."
                + " Use a shared account that does not require MFA.");
    }

    @Test
    void aConferenceRoomAccountSignsInAndThePhoneLearnsItsMode() {
        start(false, DeviceAdministratorEnrollment.ALLOWED);
        JsonNode tokens = signIn(ROOM, PASSWORD);
        JsonNode user = phone.signedIn(tokens.path("access_token").asText()).json();
        assertThat(user.path("signInMode").asText()).isEqualTo("conference");
        assertThat(user.path("passwordExpired").asBoolean()).isFalse();
        assertThat(user.path("enrollment").path("required").asBoolean()).isFalse();
    }

    @Test
    void anAlreadyExpiredPasswordCannotBeFixedAtThePortal() {
        start(false, DeviceAdministratorEnrollment.ALLOWED);
        assertThat(PortalThrottleTest.errorCode(portal(EXPIRED, PASSWORD))).isEqualTo("passwordExpired");
    }

    @Test
    void aSignedInPhoneLearnsItsPasswordExpiredAndChangesItOnTheDevice() {
        start(false, DeviceAdministratorEnrollment.ALLOWED);
        JsonNode tokens = signIn(EXPIRING, PASSWORD);
        String access = tokens.path("access_token").asText();
        JsonNode user = phone.signedIn(access).json();
        assertThat(user.path("passwordExpired").asBoolean()).isFalse();
        assertThat(user.path("passwordExpiresDateTime").asText()).isEqualTo("2025-03-01T09:30:00Z");
        assertThat(http.get(phone.path("/account"), access).json().path("passwordExpired").asBoolean()).isFalse();

        http.post("/test/v1/clock", Map.of("advanceSeconds", 31 * 60), null);
        // both channels say so: the account call, and the refresh (AADSTS50055, as Entra answers)
        assertThat(http.get(phone.path("/account"), access).json().path("passwordExpired").asBoolean()).isTrue();
        Http.Reply refused = refresh(tokens.path("refresh_token").asText());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("error").asText()).isEqualTo("invalid_grant");
        assertThat(refused.json().path("error_codes").get(0).asInt()).isEqualTo(50055);

        // the technician types the current and a new password on the phone
        Map<String, String> wrong = Map.of("upn", EXPIRING, "currentPassword", "nope", "newPassword", "New-Pass-456");
        Http.Reply wrongReply = http.post(phone.path("/password"), wrong, null);
        assertThat(wrongReply.status()).isEqualTo(401);
        assertThat(wrongReply.json().path("error").asText()).isEqualTo("invalid_password");
        Http.Reply tooShort = http.post(phone.path("/password"),
                Map.of("upn", EXPIRING, "currentPassword", PASSWORD, "newPassword", "short"), null);
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().path("error").asText()).isEqualTo("password_policy");
        Http.Reply otherPhone = http.post("/device/v1/devices/64-16-7F-0A-0F-99/password",
                Map.of("upn", EXPIRING, "currentPassword", PASSWORD, "newPassword", "New-Pass-456"), null);
        assertThat(otherPhone.status()).isEqualTo(403);
        assertThat(otherPhone.json().path("error").asText()).isEqualTo("not_signed_in");

        Http.Reply changed = http.post(phone.path("/password"),
                Map.of("upn", EXPIRING, "currentPassword", PASSWORD, "newPassword", "New-Pass-456"), null);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body()).doesNotContain("New-Pass-456");
        JsonNode fresh = changed.json();
        JsonNode account = http.get(phone.path("/account"), fresh.path("access_token").asText()).json();
        assertThat(account.path("passwordExpired").asBoolean()).isFalse();
        assertThat(account.path("passwordExpiresDateTime").asText()).isEqualTo("2025-05-30T09:31:00Z");
        assertThat(refresh(fresh.path("refresh_token").asText()).status()).isEqualTo(200);
        // the portal now takes the new password only
        assertThat(PortalThrottleTest.errorCode(portal(EXPIRING, PASSWORD))).isEqualTo("wrongPassword");
        assertThat(portal(EXPIRING, "New-Pass-456")).contains("id=\"done\"");
    }

    @Test
    void wrongCurrentPasswordsOnTheDeviceAreThrottled() {
        start(false, DeviceAdministratorEnrollment.ALLOWED);
        phone.signedIn(signIn(TestBackends.UPN, TestBackends.PASSWORD).path("access_token").asText());
        for (int i = 0; i < 5; i++) {
            assertThat(http.post(phone.path("/password"), Map.of("upn", TestBackends.UPN, "currentPassword", "x" + i,
                    "newPassword", "New-Pass-456"), null).status()).isEqualTo(401);
        }
        Http.Reply locked = http.post(phone.path("/password"), Map.of("upn", TestBackends.UPN,
                "currentPassword", TestBackends.PASSWORD, "newPassword", "New-Pass-456"), null);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.json().path("error").asText()).isEqualTo("too_many_attempts");
        assertThat(http.postRaw(phone.path("/password"), "{\"upn\":", null).json().path("error").asText())
                .isEqualTo("malformed_json");
    }

    @Test
    void enrolmentRequiredAndAllowedEnrolsThePhone() {
        start(true, DeviceAdministratorEnrollment.ALLOWED);
        String access = signIn(TestBackends.UPN, TestBackends.PASSWORD).path("access_token").asText();
        JsonNode account = http.get(phone.path("/account"), access).json();
        assertThat(account.path("enrollment").path("required").asBoolean()).isTrue();
        assertThat(account.path("enrollment").path("deviceAdministratorAllowed").asBoolean()).isTrue();
        Http.Reply enrolled = http.post(phone.path("/enroll"), "{}", access);
        assertThat(enrolled.status()).isEqualTo(200);
        assertThat(enrolled.json().path("managementType").asText()).isEqualTo("deviceAdministrator");
        assertThat(phone.signedIn(access).json().path("enrollment").path("required").asBoolean()).isTrue();
    }

    @Test
    void enrolmentRequiredButBlockedIsTheSignInLoop() {
        start(true, DeviceAdministratorEnrollment.BLOCKED);
        String access = signIn(TestBackends.UPN, TestBackends.PASSWORD).path("access_token").asText();
        JsonNode policy = http.get(phone.path("/account"), access).json().path("enrollment");
        assertThat(policy.path("required").asBoolean()).isTrue();
        assertThat(policy.path("deviceAdministratorAllowed").asBoolean()).isFalse();
        Http.Reply blocked = http.post(phone.path("/enroll"), "{}", access);
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.json().path("error").asText()).isEqualTo("enrollment_blocked");
        assertThat(blocked.json().path("message").asText())
                .isEqualTo("Device administrator enrollment is blocked by your organization.");
        // the loop: the phone starts over with a new device code, and it is blocked again
        String again = signIn(TestBackends.UPN, TestBackends.PASSWORD).path("access_token").asText();
        assertThat(http.post(phone.path("/enroll"), "{}", again).status()).isEqualTo(403);
    }

    @Test
    void identityDeviceCallsNeedAValidAccessToken() {
        start(false, DeviceAdministratorEnrollment.ALLOWED);
        assertThat(http.get(phone.path("/account"), null).status()).isEqualTo(401);
        assertThat(http.get(phone.path("/account"), "forged").status()).isEqualTo(401);
        assertThat(http.post(phone.path("/enroll"), "{}", "forged").status()).isEqualTo(401);
        String access = signIn(TestBackends.UPN, TestBackends.PASSWORD).path("access_token").asText();
        http.post("/test/v1/clock", Map.of("advanceSeconds", 3600), null);
        Http.Reply expired = http.get(phone.path("/account"), access);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().path("message").asText()).contains("refresh it");
    }
}
