package dialtone.model.teamwork;

import java.util.List;

/** Graph collection wrapper for a device's operations: {@code {"value":[...]}}. */
public record TeamworkDeviceOperationList(List<TeamworkDeviceOperation> value) {
    public TeamworkDeviceOperationList {
        value = List.copyOf(value);
    }
}
