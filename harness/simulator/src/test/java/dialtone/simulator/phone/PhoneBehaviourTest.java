package dialtone.simulator.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dialtone.model.profile.PhoneScreen;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The field behaviours of a virtual phone against the real emulated backend, driven through its
 * screens over Appium with the device profile's locators, and checked on the backend.
 */
class PhoneBehaviourTest {
    private PhoneBench bench;

    @AfterEach
    void stop() {
        if (bench != null) bench.close();
    }

    private PhoneBench bench(String profile, String firmware, String mac) throws Exception {
        bench = new PhoneBench(profile, firmware, mac, PhoneBench.FAST, null);
        return bench;
    }

    @Test
    void theSignInCodeLivesFifteenMinutesOnTheBackendClockThenRefreshCodeGivesANewOne() throws Exception {
        PhoneBench b = bench("poly-ccx600", "7.2.1.1707", "64:16:7F:60:10:01");
        String first = b.text(PhoneScreen.SIGN_IN, "deviceLoginCode");
        assertThat(first).matches("[A-Z0-9]{9}");
        b.backend.advanceClock(Duration.ofSeconds(899));
        assertThat(b.showing(PhoneScreen.SIGN_IN, "deviceCodeExpired")).as("still valid at 899 s").isFalse();
        b.backend.advanceClock(Duration.ofSeconds(2));
        b.element(PhoneScreen.SIGN_IN, "deviceCodeExpired"); // the phone's next poll is refused expired_token
        assertThat(b.showing(PhoneScreen.SIGN_IN, "deviceLoginCode")).isFalse();
        b.tap(PhoneScreen.SIGN_IN, "refreshCode");
        String second = b.text(PhoneScreen.SIGN_IN, "deviceLoginCode");
        assertThat(second).matches("[A-Z0-9]{9}").isNotEqualTo(first);
    }

    @Test
    void provisioningShowsProgressAndSuccessAndADistinctMessageForEachRefusal() throws Exception {
        PhoneBench b = bench("poly-ccx500", "9.0.0.10315", "64:16:7F:50:10:01");
        FirmwareLine line = b.phone.line();
        b.backend.addDevice(b.mac());
        dialtone.model.Mac other = dialtone.model.Mac.parse("64:16:7F:50:10:99");
        b.backend.addDevice(other);
        String othersCode = b.backend.verificationCode(other);
        String code = b.backend.verificationCode(b.mac());
        List<String> shown = new ArrayList<>();

        String wrong = code.equals("000000") ? "111111" : "000000";
        shown.add(refusal(b, wrong));
        assertThat(shown.get(0)).isEqualTo(line.provisioningMessage("invalid_code") + " " + line.text("attemptsLeft", "n", "4"));
        shown.add(refusal(b, othersCode));
        assertThat(shown.get(1)).startsWith(line.provisioningMessage("wrong_device"));

        code = b.backend.verificationCode(b.mac()); // a new code unlocks the count
        b.backend.advanceClock(Duration.ofHours(24));
        shown.add(refusal(b, code));
        assertThat(shown.get(2)).isEqualTo(line.provisioningMessage("expired_code"));

        code = b.backend.verificationCode(b.mac());
        for (int i = 0; i < 4; i++) refusal(b, wrong);
        shown.add(refusal(b, wrong));
        assertThat(shown.get(3)).isEqualTo(line.provisioningMessage("too_many_attempts"));
        shown.add(refusal(b, code));
        assertThat(shown.get(4)).as("locked: even the right code").isEqualTo(line.provisioningMessage("too_many_attempts"));
        assertThat(shown.subList(0, 4)).doesNotHaveDuplicates();

        code = b.backend.verificationCode(b.mac());
        b.enterVerificationCode(code);
        b.element(PhoneScreen.PROVISIONING_RESULT, "success");
        assertThat(b.text(PhoneScreen.SIGN_IN, "organizationName")).isEqualTo(EmbeddedBackend.ORGANIZATION);
        assertThat(b.logcat()).containsSubsequence("TeamsIpPhone: screen PROVISION_CODE -> PROVISIONING",
                "TeamsIpPhone: screen PROVISIONING -> PROVISIONING_SUCCEEDED", "TeamsIpPhone: screen PROVISIONING_SUCCEEDED -> SIGN_IN");
        await().atMost(Duration.ofSeconds(5)).until(() -> macs(b.backend.records("waitingForSignIn")).contains(b.mac().toString()));
    }

    @Test
    void aUsedCodeHasItsOwnMessageFromTheCatalogue() {
        // The backend answers a reused code on a bound phone with already_provisioned first, and a factory
        // reset deletes the record that remembers the used code, so no phone flow reaches used_code today:
        // the message is checked where the phone draws it.
        FirmwareLine line = FirmwareCatalogue.shipped().line("poly-ccx600", dialtone.model.profile.FirmwareVersion.parse("8.1.6.1006"));
        PhoneView used = new PhoneView(PhoneState.PROVISIONING_FAILED, line, null, "", "used_code", 3, null, false, null, null, null, null, null);
        assertThat(PhoneScreens.provisioningMessage(used)).isEqualTo(line.provisioningMessage("used_code") + " Attempts left: 3.")
                .isNotEqualTo(line.provisioningMessage("invalid_code"));
    }

    private static String refusal(PhoneBench b, String code) throws Exception {
        b.enterVerificationCode(code);
        String message = b.text(PhoneScreen.PROVISIONING_RESULT, "failureMessage");
        b.tap(PhoneScreen.PROVISIONING_RESULT, "tryAgain");
        b.awaitState(PhoneState.PROVISION_CODE);
        return message;
    }

    static List<String> macs(JsonNode records) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : records.isArray() ? records : records.path("value")) out.add(r.path("macAddress").asText());
        return out;
    }
}
