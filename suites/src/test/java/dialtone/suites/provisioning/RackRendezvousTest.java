package dialtone.suites.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dialtone.core.failure.FailureCategory;
import dialtone.core.failure.FailureClassifier;
import dialtone.core.failure.InfrastructureProblem;
import dialtone.core.phone.AdbException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A rack-wide test broken by one phone fails the others in the category of that phone's failure. */
class RackRendezvousTest {
    @Test
    void aMeetingBrokenByAPhoneTheLabFailedIsInfrastructureForTheOthers() {
        RackRendezvous rendezvous = new RackRendezvous(3);
        rendezvous.abandon(new AdbException("127.0.0.1:16700: ADB shell 'getprop' failed: Connection refused"));
        rendezvous.abandon(new AssertionError("a later phone's own failure does not change the first"));

        assertThatThrownBy(() -> rendezvous.meet("all MACs added", Duration.ofSeconds(5), () -> { }))
                .isInstanceOf(InfrastructureProblem.class)
                .hasMessageContaining("another phone's test failed before \"all MACs added\"")
                .hasMessageContaining("it failed for the lab: AdbException")
                .satisfies(e -> assertThat(FailureClassifier.classify(e).category()).isEqualTo(FailureCategory.INFRASTRUCTURE));
    }

    @Test
    void aMeetingBrokenByAProductDefectStaysAnAssertion() {
        RackRendezvous rendezvous = new RackRendezvous(3);
        rendezvous.abandon(new AssertionError("the phone kept the old organization name"));

        assertThatThrownBy(() -> rendezvous.meet("codes in hand", Duration.ofSeconds(5), () -> { }))
                .isInstanceOf(AssertionError.class)
                .hasMessage("another phone's test failed before \"codes in hand\": see its result");
    }
}
