package dialtone.backend;

import static dialtone.backend.TestBackends.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dialtone.model.Mac;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The verification code's rules, as the phone sees them: each refusal its own error and message. */
class VerificationCodeTest extends RunningBackendTest {
    private final Mac mac = Mac.parse("64:16:7F:0A:0E:01");
    private final Mac other = Mac.parse("64:16:7F:0A:0E:02");
    private AdminCalls admin;
    private FakePhone phone;

    @BeforeEach
    void start() {
        admin = new AdminCalls(http, ADMIN_TOKEN);
        phone = new FakePhone(http, mac);
        admin.add(mac, "desk 1");
        admin.add(other, "desk 2");
    }

    @Test
    void aCodeIsSixSecureDigitsValidFor24HoursOnTheBackendClock() {
        JsonNode issued = http.post("/admin/v1/provisioning/devices/" + mac + "/verificationCode", "", ADMIN_TOKEN).json();
        assertThat(issued.path("code").asText()).matches("[0-9]{6}");
        assertThat(issued.path("expiresDateTime").asText()).isEqualTo("2025-03-02T09:00:00Z");
        http.post("/test/v1/clock", Map.of("advanceSeconds", 24 * 3600 - 1), null);
        assertThat(phone.provision(issued.path("code").asText()).status()).isEqualTo(200);
    }

    @Test
    void anExpiredCodeIsRefusedAndLeavesTheRecordAsItWas() {
        String code = admin.code(mac);
        http.post("/test/v1/clock", Map.of("advanceSeconds", 24 * 3600), null);
        assertRefused(phone.provision(code), "expired_code", "This verification code has expired. Ask your admin for a new one.");
        assertThat(admin.get("/admin/v1/provisioning/devices?state=waitingOnActivation").json()).hasSize(2);
    }

    @Test
    void aCodeIsUsedOnce() {
        String code = admin.code(mac);
        assertThat(phone.provision(code).status()).isEqualTo(200);
        phone.factoryReset();
        admin.add(mac, "desk 1 again");
        assertRefused(phone.provision(code), "invalid_code", "No verification code has been generated for this phone yet");
        String fresh = admin.code(mac);
        assertThat(phone.provision(fresh).status()).isEqualTo(200);
    }

    @Test
    void aNewCodeReplacesTheOldOne() {
        String old = admin.code(mac);
        String current = admin.code(mac);
        assertRefused(phone.provision(old), "replaced_code",
                "This verification code was replaced by a newer one. Enter the latest code from your admin. 4 attempts left.");
        assertThat(phone.provision(current).status()).isEqualTo(200);
    }

    @Test
    void aCodeOnlyWorksOnItsOwnPhone() {
        admin.code(mac);
        String othersCode = admin.code(other);
        assertRefused(phone.provision(othersCode), "wrong_device", "This verification code was generated for a different"
                + " phone. Enter the code generated for this phone's MAC address 64:16:7F:0A:0E:01. 4 attempts left.");
        // the other phone's code still works on the other phone
        assertThat(new FakePhone(http, other).provision(othersCode).status()).isEqualTo(200);
    }

    @Test
    void fiveWrongCodesLockThePhonesCodeUntilTheAdminGeneratesANewOne() {
        String code = admin.code(mac);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int left = 4; left >= 1; left--) {
            assertRefused(phone.provision(wrong), "invalid_code", "That verification code didn't work. Check the code and"
                    + " try again. " + left + (left == 1 ? " attempt left." : " attempts left."));
        }
        String locked = "Too many wrong verification codes were entered on this phone. Ask your admin to generate a new code for it.";
        assertRefused(phone.provision(wrong), "too_many_attempts", locked);
        // the right code is refused too while locked, and a factory reset does not unlock it
        assertRefused(phone.provision(code), "too_many_attempts", locked);
        phone.factoryReset();
        assertRefused(phone.provision(code), "too_many_attempts", locked);
        // another phone's count is its own
        assertThat(new FakePhone(http, other).provision(admin.code(other)).status()).isEqualTo(200);

        String fresh = admin.code(mac);
        assertThat(phone.provision(fresh).status()).isEqualTo(200);
        assertThat(admin.audit(mac).body()).contains("unlocks the device after too many wrong codes");
    }

    @Test
    void bulkGenerationGivesEveryDeviceWaitingOnActivationItsOwnCode() {
        Mac provisioned = Mac.parse("64:16:7F:0A:0E:03");
        admin.add(provisioned, "");
        new FakePhone(http, provisioned).provision(admin.code(provisioned));

        JsonNode codes = http.post("/admin/v1/provisioning/verificationCodes", "", ADMIN_TOKEN).json();
        assertThat(codes).extracting(c -> c.path("macAddress").asText()).containsExactly(mac.toString(), other.toString());
        assertThat(codes).allSatisfy(c -> assertThat(c.path("expiresDateTime").asText()).isEqualTo("2025-03-02T09:00:00Z"));
        assertThat(phone.provision(codes.get(0).path("code").asText()).status()).isEqualTo(200);
        assertThat(new FakePhone(http, other).provision(codes.get(1).path("code").asText()).status()).isEqualTo(200);
        assertThat(http.post("/admin/v1/provisioning/verificationCodes", "", ADMIN_TOKEN).json()).isEmpty();
    }

    private static void assertRefused(Http.Reply reply, String error, String message) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().path("error").asText()).isEqualTo(error);
        assertThat(reply.json().path("message").asText()).startsWith(message);
    }
}
