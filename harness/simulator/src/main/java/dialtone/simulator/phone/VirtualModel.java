package dialtone.simulator.phone;

/**
 * What a virtual phone of one model is: its reported identity and its screen. Read from the
 * firmware catalogue ({@link FirmwareCatalogue}) with the model's firmware lines.
 */
public record VirtualModel(String profileId, String manufacturer, String model, String device, int width, int height) {

    public static VirtualModel of(String profileId) {
        return FirmwareCatalogue.shipped().model(profileId);
    }
}
