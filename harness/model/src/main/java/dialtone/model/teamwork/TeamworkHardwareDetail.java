package dialtone.model.teamwork;

import java.util.List;

/** Graph {@code teamworkHardwareDetail}; MAC addresses in canonical form. */
public record TeamworkHardwareDetail(List<String> macAddresses, String manufacturer, String model, String serialNumber) {
    public TeamworkHardwareDetail {
        macAddresses = List.copyOf(macAddresses);
    }
}
