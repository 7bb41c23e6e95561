package dialtone.backend.device;

import static org.assertj.core.api.Assertions.assertThat;

import dialtone.model.Mac;
import dialtone.model.device.CommandResult;
import dialtone.model.device.DeviceCommand;
import dialtone.model.device.DeviceCommandType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CommandChannelTest {
    private final CommandChannel channel = new CommandChannel();
    private final Mac mac = Mac.parse("64:16:7F:0A:0B:0C");

    @Test
    void aWaitingPollGetsTheCommandAtOnce() throws Exception {
        CompletableFuture<List<DeviceCommand>> poll = channel.next(mac, Duration.ofSeconds(30));
        channel.send(mac, DeviceCommandType.REMOTE_SIGN_IN, "contoso", Duration.ofSeconds(5));
        assertThat(poll.get(1, TimeUnit.SECONDS)).extracting(DeviceCommand::type).containsExactly(DeviceCommandType.REMOTE_SIGN_IN);
    }

    @Test
    void aNewPollSupersedesTheOldOneSoNoCommandGoesToADeadConnection() throws Exception {
        // the phone rebooted: its old long-poll's connection is gone but the server still holds it
        CompletableFuture<List<DeviceCommand>> stale = channel.next(mac, Duration.ofSeconds(30));
        CompletableFuture<List<DeviceCommand>> fresh = channel.next(mac, Duration.ofSeconds(30));
        assertThat(stale.get(1, TimeUnit.SECONDS)).isEmpty();

        channel.send(mac, DeviceCommandType.REMOTE_SIGN_IN, "contoso", Duration.ofSeconds(5));
        assertThat(fresh.get(1, TimeUnit.SECONDS)).hasSize(1);
    }

    @Test
    void aFactoryResetReleasesWaitingPollsAndDropsQueuedCommands() throws Exception {
        CompletableFuture<List<DeviceCommand>> poll = channel.next(mac, Duration.ofSeconds(30));
        channel.forget(mac);
        assertThat(poll.get(1, TimeUnit.SECONDS)).isEmpty();

        CompletableFuture<CommandResult> result = channel.send(mac, DeviceCommandType.REMOTE_SIGN_IN, "contoso", Duration.ofSeconds(5));
        channel.forget(mac);
        assertThat(channel.next(mac, Duration.ZERO).get(1, TimeUnit.SECONDS)).isEmpty();
        assertThat(result).isNotDone();
    }

    @Test
    void aCommandHandedToADeadPollIsCarriedAgainUntilThePhoneAnswers() throws Exception {
        // the poll is completed, but its connection died with the phone's reboot a moment before
        CompletableFuture<List<DeviceCommand>> dead = channel.next(mac, Duration.ofSeconds(30));
        CompletableFuture<CommandResult> result = channel.send(mac, DeviceCommandType.RESTART, "contoso", Duration.ofSeconds(5));
        String id = dead.get(1, TimeUnit.SECONDS).get(0).id();

        // the phone is back and polls again: the unanswered command comes again, with the same id
        assertThat(channel.next(mac, Duration.ofSeconds(30)).get(1, TimeUnit.SECONDS)).extracting(DeviceCommand::id).containsExactly(id);
        assertThat(channel.complete(mac, id, CommandResult.signInStarted("ABCD1234", "http://backend/devicelogin", 900))).isTrue();
        assertThat(result).isCompleted();

        // answered: no later poll carries it
        assertThat(channel.next(mac, Duration.ZERO).get(1, TimeUnit.SECONDS)).isEmpty();
    }
}
