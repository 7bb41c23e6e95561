package dialtone.model.provisioning;

import dialtone.model.Mac;

/**
 * One row of "Add MAC address" / the CSV template. The MAC is kept as typed: the backend
 * parses it and reports a bad spelling as a rejected row.
 */
public record NewDevice(String macAddress, String location) {
    public static NewDevice of(Mac mac, String location) {
        return new NewDevice(mac.toString(), location);
    }
}
