package dialtone.suites.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dialtone.core.failure.FailureCategory;
import dialtone.core.failure.FailureClassifier;
import dialtone.core.failure.InfrastructureProblem;
import dialtone.core.phone.AdbException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A rack-wide test broken by one phone fails the others in the category of that phone's failure,
 * unless the lab failed the phone before the first meeting: then the others wait for its retry.
 */
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

    private static final AdbException DROPPED = new AdbException("127.0.0.1:16700: ADB shell 'getprop' failed: Connection refused");

    @Test
    void aPhoneTheLabFailedBeforeTheFirstMeetingIsWaitedForAndItsRetryMeetsTheOthers() throws Exception {
        RackRendezvous rendezvous = new RackRendezvous(2);
        AtomicInteger clockMoves = new AtomicInteger();
        CompletableFuture<Void> other = CompletableFuture.runAsync(
                () -> rendezvous.meet("codes in hand", Duration.ofSeconds(20), clockMoves::incrementAndGet));

        rendezvous.failed("trio-c60-3", DROPPED);            // first attempt: the lab failed it before any meeting
        assertThat(rendezvous.abandoned()).isFalse();
        rendezvous.meet("codes in hand", Duration.ofSeconds(20), clockMoves::incrementAndGet);   // its retry comes

        other.get(20, TimeUnit.SECONDS);
        assertThat(clockMoves).as("the meeting's action ran once, for both phones").hasValue(1);
    }

    @Test
    void aSecondLabFailureOrOneAfterAMeetingWasHeldAbandonsTheRendezvous() throws Exception {
        RackRendezvous twice = new RackRendezvous(2);
        twice.failed("ccx500-1", DROPPED);
        twice.failed("ccx500-1", DROPPED);                   // its retry failed too: no third attempt comes
        assertThat(twice.abandoned()).isTrue();

        RackRendezvous afterAMeeting = new RackRendezvous(2);
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> afterAMeeting.meet("codes in hand", Duration.ofSeconds(20), () -> { }));
        afterAMeeting.meet("codes in hand", Duration.ofSeconds(20), () -> { });
        other.get(20, TimeUnit.SECONDS);
        afterAMeeting.failed("ccx500-1", DROPPED);           // a retry starts over and cannot come to a meeting already held
        assertThat(afterAMeeting.abandoned()).isTrue();
    }

    @Test
    void aProductDefectAbandonsAtOnce() {
        RackRendezvous rendezvous = new RackRendezvous(2);
        rendezvous.failed("ccx600-1", new AssertionError("the lock screen shows another code"));
        assertThat(rendezvous.abandoned()).isTrue();
    }

    @Test
    void aRetryThatNeverComesFailsTheOthersAsInfrastructureNamingTheLabFailure() {
        RackRendezvous rendezvous = new RackRendezvous(2);
        rendezvous.failed("trio-c60-3", DROPPED);            // e.g. the ladder could not bring it back: no retry

        assertThatThrownBy(() -> rendezvous.meet("codes in hand", Duration.ofMillis(300), () -> { }))
                .isInstanceOf(InfrastructureProblem.class)
                .hasMessageContaining("did not all reach \"codes in hand\"")
                .hasMessageContaining("it failed for the lab: AdbException");
    }

    @Test
    void aProductDefectThatBreaksTheMeetingsIsWhatTheOthersAreFailedForNotAnEarlierExcusedLabFailure() {
        RackRendezvous rendezvous = new RackRendezvous(3);
        rendezvous.failed("trio-c60-3", DROPPED);                                           // waited for: its retry may come
        rendezvous.failed("ccx500-2", new AssertionError("the lock screen shows another code")); // breaks the meetings

        assertThatThrownBy(() -> rendezvous.meet("codes in hand", Duration.ofSeconds(5), () -> { }))
                .isInstanceOf(AssertionError.class)
                .hasMessage("another phone's test failed before \"codes in hand\": see its result");
    }
}
