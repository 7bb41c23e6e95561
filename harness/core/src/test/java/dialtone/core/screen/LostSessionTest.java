package dialtone.core.screen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dialtone.core.VirtualLab;
import dialtone.core.phone.Phone;
import dialtone.model.rack.TimeScale;
import dialtone.simulator.phone.PhoneState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.NoSuchSessionException;

/**
 * A session the Appium server lost while the phone kept running is renewed by the next lookup of a
 * screen; one lost to a reboot is not (what the test did on the phone is gone).
 */
class LostSessionTest {
    static VirtualLab lab;
    private Phone phone;

    @BeforeAll
    static void startRack() {
        lab = VirtualLab.start(2, new TimeScale(0.01));
    }

    @AfterAll
    static void stopRack() {
        lab.close();
    }

    @AfterEach
    void closePhone() {
        if (phone != null) phone.close();
    }

    @Test
    void aKilledSessionIsRenewedByTheNextLookup() {
        phone = lab.phone("phone-1", lab.profile("phone-1"));
        String before = phone.driver().getSessionId().toString();
        lab.inject("phone-1", "{\"type\":\"killAppiumSession\"}");

        assertThat(phone.signInScreen().awaitShown()).isNotNull();
        assertThat(phone.driver().getSessionId().toString()).isNotEqualTo(before);
    }

    @Test
    void askingWhetherAScreenShowsDoesNotRenewALostSession() {
        phone = lab.phone("phone-1", lab.profile("phone-1"));
        phone.driver();
        lab.inject("phone-1", "{\"type\":\"killAppiumSession\"}");
        assertThatThrownBy(() -> phone.signInScreen().isShowing()).as("the recovery ladder's health check: its rung replaces the session")
                .isInstanceOf(NoSuchSessionException.class);
    }

    @Test
    void aSessionLostToARebootIsNotRenewed() {
        phone = lab.phone("phone-2", lab.profile("phone-2"));
        String before = phone.driver().getSessionId().toString();
        lab.inject("phone-2", "{\"type\":\"reboot\"}");
        lab.awaitState("phone-2", PhoneState.SIGN_IN);

        assertThatThrownBy(() -> phone.signInScreen().awaitShown()).isInstanceOf(NoSuchSessionException.class);
        assertThat(phone.session()).map(s -> s.getSessionId().toString()).contains(before);
    }
}
