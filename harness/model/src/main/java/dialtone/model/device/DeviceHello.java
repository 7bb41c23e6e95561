package dialtone.model.device;

/** What a phone says about itself at boot: {@code POST /device/v1/devices/{mac}/hello}. */
public record DeviceHello(String model, String manufacturer, String firmware, String serialNumber, String teamsVersion) {
}
