package dialtone.model.device;

import java.util.List;

/** Answer to the command long-poll; empty when the wait ran out. */
public record DeviceCommands(List<DeviceCommand> commands) {
    public DeviceCommands {
        commands = List.copyOf(commands);
    }
}
