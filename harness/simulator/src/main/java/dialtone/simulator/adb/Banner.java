package dialtone.simulator.adb;

import java.util.Map;

/** The device banner sent in our CNXN: {@code device::k=v;k=v;features=shell_v2,cmd} (no trailing ';', no NUL). */
final class Banner {

    static final String FEATURES = "shell_v2,cmd";

    private Banner() {
    }

    static String of(AdbDevice device) {
        StringBuilder b = new StringBuilder("device::");
        Map<String, String> props = device.bannerProperties();
        if (props != null) {
            props.forEach((k, v) -> {
                if (k != null && !k.isEmpty() && !k.equals("features")) {
                    b.append(clean(k)).append('=').append(v == null ? "" : clean(v)).append(';');
                }
            });
        }
        return b.append("features=").append(FEATURES).toString();
    }

    /** Keeps the banner parseable: no separators or NULs inside keys/values. */
    private static String clean(String s) {
        return s.replace(";", "_").replace("\0", "");
    }
}
