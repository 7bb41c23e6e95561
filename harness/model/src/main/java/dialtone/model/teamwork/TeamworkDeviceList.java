package dialtone.model.teamwork;

import java.util.List;

/** Graph collection wrapper: {@code {"value":[...]}}. */
public record TeamworkDeviceList(List<TeamworkDevice> value) {
    public TeamworkDeviceList {
        value = List.copyOf(value);
    }
}
