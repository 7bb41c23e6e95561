package dialtone.suites.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dialtone.core.failure.FailureCategory;
import dialtone.core.failure.FailureClassifier;
import dialtone.core.failure.InfrastructureProblem;
import dialtone.core.phone.AdbException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A rack-wide test goes on without a phone whose test failed; it waits for the retry of a phone the
 * lab failed before the first meeting; only a meeting that cannot gather or whose action fails breaks
 * it for everybody.
 */
class RackRendezvousTest {
    private static final Duration BUDGET = Duration.ofSeconds(20);
    private static final AdbException DROPPED = new AdbException("127.0.0.1:16700: ADB shell 'getprop' failed: Connection refused");
    private static final AssertionError PLANTED = new AssertionError("the lock screen shows another code");

    private static final List<String> MEETINGS = List.of("codes in hand", "codes refreshed");
    private final AtomicInteger clockMoves = new AtomicInteger();

    private CompletableFuture<Void> meetsAsync(RackRendezvous rendezvous, String device, String meeting) {
        return CompletableFuture.runAsync(() -> rendezvous.meet(device, meeting, BUDGET, clockMoves::incrementAndGet));
    }

    @Test
    void aPhoneWhoseTestFailsLeavesAndTheOthersMeetWithoutIt() throws Exception {
        RackRendezvous rendezvous = new RackRendezvous(List.of("ccx500-1", "ccx500-2", "ccx600-1"), MEETINGS);
        rendezvous.failed("ccx500-2", PLANTED);                     // a planted firmware defect: its own result says so

        CompletableFuture<Void> other = meetsAsync(rendezvous, "ccx600-1", "codes in hand");
        rendezvous.meet("ccx500-1", "codes in hand", BUDGET, clockMoves::incrementAndGet);
        other.get(20, TimeUnit.SECONDS);

        assertThat(clockMoves).as("the meeting's action ran once, for the two phones left").hasValue(1);
        assertThat(rendezvous.abandoned()).isFalse();
        assertThat(rendezvous.present("ccx500-2")).isFalse();
        assertThat(rendezvous.present("ccx500-1")).isTrue();
    }

    @Test
    void aPhoneThatLeavesWhileTheOthersWaitForItCompletesTheirMeeting() throws Exception {
        RackRendezvous rendezvous = new RackRendezvous(List.of("ccx500-1", "ccx500-2"), MEETINGS);
        CompletableFuture<Void> waiting = meetsAsync(rendezvous, "ccx500-1", "codes in hand");
        assertThat(waiting).isNotDone();

        rendezvous.failed("ccx500-2", PLANTED);

        waiting.get(20, TimeUnit.SECONDS);
        assertThat(clockMoves).as("the meeting was held for the phone that waited").hasValue(1);
    }

    @Test
    void aPhoneTheLabFailedBeforeTheFirstMeetingIsWaitedForAndItsRetryMeetsTheOthers() throws Exception {
        RackRendezvous rendezvous = new RackRendezvous(List.of("ccx600-1", "trio-c60-3"), MEETINGS);
        CompletableFuture<Void> other = meetsAsync(rendezvous, "ccx600-1", "codes in hand");

        rendezvous.failed("trio-c60-3", DROPPED);                   // first attempt: the lab failed it before any meeting
        assertThat(rendezvous.present("trio-c60-3")).as("waited for").isTrue();
        assertThat(other).as("the other phone waits for the retry").isNotDone();
        rendezvous.meet("trio-c60-3", "codes in hand", BUDGET, clockMoves::incrementAndGet);   // its retry comes

        other.get(20, TimeUnit.SECONDS);
        assertThat(clockMoves).as("the meeting's action ran once, for both phones").hasValue(1);
    }

    @Test
    void aPhoneWaitedForWhoseRetryDoesNotComeLeaves() throws Exception {
        RackRendezvous rendezvous = new RackRendezvous(List.of("ccx600-1", "trio-c60-3"), MEETINGS);
        CompletableFuture<Void> other = meetsAsync(rendezvous, "ccx600-1", "codes in hand");
        rendezvous.failed("trio-c60-3", DROPPED);
        rendezvous.noMoreAttempts("trio-c60-3", DROPPED);               // e.g. the ladder could not bring it back

        other.get(20, TimeUnit.SECONDS);
        assertThat(clockMoves).hasValue(1);
        assertThat(rendezvous.present("trio-c60-3")).isFalse();
    }

    @Test
    void aSecondLabFailureLeaves() throws Exception {
        RackRendezvous rendezvous = new RackRendezvous(List.of("ccx500-1", "ccx600-1"), MEETINGS);
        rendezvous.failed("ccx500-1", DROPPED);
        rendezvous.failed("ccx500-1", DROPPED);                     // its retry failed too: no third attempt comes

        rendezvous.meet("ccx600-1", "codes in hand", BUDGET, clockMoves::incrementAndGet);
        assertThat(clockMoves).hasValue(1);
        assertThat(rendezvous.present("ccx500-1")).isFalse();
    }

    @Test
    void aPhoneThatLeftAfterAMeetingWasHeldCannotRejoin() throws Exception {
        RackRendezvous rendezvous = new RackRendezvous(List.of("ccx500-1", "ccx600-1"), MEETINGS);
        CompletableFuture<Void> other = meetsAsync(rendezvous, "ccx600-1", "codes in hand");
        rendezvous.meet("ccx500-1", "codes in hand", BUDGET, clockMoves::incrementAndGet);
        other.get(20, TimeUnit.SECONDS);

        rendezvous.failed("ccx500-1", DROPPED);                     // the lab failed it after the first meeting: it leaves
        rendezvous.meet("ccx600-1", "codes refreshed", BUDGET, clockMoves::incrementAndGet);
        assertThat(clockMoves).as("the second meeting was held without it").hasValue(2);

        assertThatThrownBy(() -> rendezvous.meet("ccx500-1", "codes in hand", BUDGET, () -> { }))   // its retry starts over
                .isInstanceOf(InfrastructureProblem.class)
                .hasMessageContaining("ccx500-1 left this rack-wide test when it failed (AdbException: ")
                .hasMessageContaining("its retry cannot meet them at \"codes in hand\"");
    }

    @Test
    void aMeetingThatDoesNotGatherWithinItsBudgetFailsEveryPhoneAsInfrastructureNamingTheMissing() {
        RackRendezvous rendezvous = new RackRendezvous(List.of("ccx500-1", "ccx600-1", "trio-c60-3"), MEETINGS);
        rendezvous.failed("trio-c60-3", DROPPED);                   // waited for; its retry never comes and nobody says so

        assertThatThrownBy(() -> rendezvous.meet("ccx500-1", "codes in hand", Duration.ofMillis(300), () -> { }))
                .isInstanceOf(InfrastructureProblem.class)
                .hasMessageContaining("did not all reach \"codes in hand\" within 0 s: missing ccx600-1, trio-c60-3 (its retry did not come; it failed for the lab: AdbException: ")
                .satisfies(e -> assertThat(FailureClassifier.classify(e).category()).isEqualTo(FailureCategory.INFRASTRUCTURE));
        assertThat(rendezvous.abandoned()).isTrue();
        assertThatThrownBy(() -> rendezvous.meet("ccx600-1", "codes in hand", BUDGET, () -> { }))
                .as("a phone arriving late finds the meeting broken at once")
                .isInstanceOf(InfrastructureProblem.class)
                .hasMessageContaining("rack-wide meeting \"codes in hand\" broke: the rack's phones did not all reach");
    }

    @Test
    void aMeetingWhoseActionFailsFailsEveryPhoneInTheCategoryOfThatFailure() {
        RackRendezvous lab = new RackRendezvous(List.of("ccx500-1", "ccx600-1"), MEETINGS);
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> lab.meet("ccx600-1", "codes in hand", BUDGET, () -> { throw DROPPED; }));
        assertThatThrownBy(() -> lab.meet("ccx500-1", "codes in hand", BUDGET, () -> { throw DROPPED; }))
                .isInstanceOf(InfrastructureProblem.class)
                .hasMessageContaining("the action of \"codes in hand\" failed: AdbException");
        assertThatThrownBy(() -> other.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(InfrastructureProblem.class);

        RackRendezvous product = new RackRendezvous(List.of("ccx500-1"), MEETINGS);
        assertThatThrownBy(() -> product.meet("ccx500-1", "codes in hand", BUDGET, () -> { throw PLANTED; }))
                .satisfies(e -> assertThat(FailureClassifier.classify(e).category()).isEqualTo(FailureCategory.PRODUCT_DEFECT))
                .hasRootCause(PLANTED);
    }

    @Test
    void everyPhoneMustComeToTheSameMeetingsInTheSameOrder() throws Exception {
        RackRendezvous rendezvous = new RackRendezvous(List.of("ccx500-1", "ccx600-1"), MEETINGS);
        CompletableFuture<Void> other = meetsAsync(rendezvous, "ccx600-1", "codes in hand");
        assertThatThrownBy(() -> rendezvous.meet("ccx500-1", "codes refreshed", BUDGET, () -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("ccx500-1 came to \"codes refreshed\" while the rack's phones meet at \"codes in hand\": "
                        + "every phone must come to the same meetings in the same order");
        assertThatThrownBy(() -> rendezvous.meet("ccx500-1", "all MACs added", BUDGET, () -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"all MACs added\" is not one of this rendezvous' meetings [codes in hand, codes refreshed]");
        rendezvous.failed("ccx500-1", PLANTED);
        other.get(20, TimeUnit.SECONDS);
    }
}
