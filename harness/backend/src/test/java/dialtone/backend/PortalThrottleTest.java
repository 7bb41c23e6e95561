package dialtone.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dialtone.model.Mac;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The portal limits guesses: 5 wrong user codes per client in 15 minutes, 10 wrong passwords per account. */
class PortalThrottleTest extends RunningBackendTest {
    private static final Pattern ERROR_CODE = Pattern.compile("data-error=\"([^\"]+)\"");
    private FakePhone phone;

    @BeforeEach
    void start() {
        phone = new FakePhone(http, Mac.parse("64:16:7F:0A:0E:01"));
    }

    static String errorCode(String html) {
        Matcher m = ERROR_CODE.matcher(html);
        return m.find() ? m.group(1) : null;
    }

    private String enter(String code) {
        return http.form("/devicelogin", Map.of("otc", code)).body();
    }

    @Test
    void fiveWrongCodesLockTheClientOutForFifteenMinutesEvenForARightCode() {
        String right = phone.startDeviceCodeGrant("contoso").json().path("user_code").asText();
        for (int i = 0; i < 5; i++) {
            assertThat(errorCode(enter("WRONG" + i + "XXX"))).isEqualTo("codeDidntWork");
        }
        String refused = enter(right);
        assertThat(errorCode(refused)).isEqualTo("tooManyCodes");
        assertThat(PortalForms.error(refused)).isEqualTo(
                "You've entered too many codes that didn't work. Try again after 09:15 UTC.");

        http.post("/test/v1/clock", Map.of("advanceSeconds", 14 * 60 + 59), null);
        assertThat(errorCode(enter(right))).isEqualTo("tooManyCodes");
        http.post("/test/v1/clock", Map.of("advanceSeconds", 1), null);
        // the lock has lifted (the first code has expired meanwhile: device codes live 15 minutes too)
        String fresh = phone.startDeviceCodeGrant("contoso").json().path("user_code").asText();
        assertThat(enter(fresh)).contains("id=\"otherTile\"");
    }

    @Test
    void expiredCodesAndEmptySubmitsAreNotGuesses() {
        String expired = phone.startDeviceCodeGrant("contoso").json().path("user_code").asText();
        http.post("/test/v1/clock", Map.of("advanceSeconds", 900), null);
        for (int i = 0; i < 6; i++) {
            assertThat(errorCode(enter(expired))).isEqualTo("codeExpired");
            assertThat(errorCode(enter(" "))).isEqualTo("codeDidntWork");
        }
        String fresh = phone.startDeviceCodeGrant("contoso").json().path("user_code").asText();
        assertThat(enter(fresh)).contains("id=\"otherTile\"");
    }

    @Test
    void tenWrongPasswordsLockTheAccountAtThePortal() {
        String userCode = phone.startDeviceCodeGrant("contoso").json().path("user_code").asText();
        for (int i = 0; i < 10; i++) {
            assertThat(errorCode(PortalForms.signIn(http, userCode, TestBackends.UPN, "wrong-" + i)))
                    .isEqualTo("wrongPassword");
        }
        String locked = PortalForms.signIn(http, userCode, TestBackends.UPN, TestBackends.PASSWORD);
        assertThat(errorCode(locked)).isEqualTo("accountLocked");
        assertThat(locked).doesNotContain(TestBackends.PASSWORD);

        http.post("/test/v1/clock", Map.of("advanceSeconds", 15 * 60), null);
        String fresh = phone.startDeviceCodeGrant("contoso").json().path("user_code").asText();
        assertThat(PortalForms.signIn(http, fresh, TestBackends.UPN, TestBackends.PASSWORD)).contains("id=\"done\"");
    }
}
