package dialtone.model.rack;

/** A phone's ADB endpoint, {@code host:port}; also its adb serial and Appium udid. */
public record AdbAddress(String host, int port) {

    public static AdbAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("must be host:port like 127.0.0.1:5601, found '" + text + "'");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be a number, found '" + text.substring(colon + 1) + "'");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1-65535, found " + port);
        }
        return new AdbAddress(text.substring(0, colon), port);
    }

    /** The adb serial, as {@code adb devices} lists a network phone. */
    public String serial() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return serial();
    }
}
