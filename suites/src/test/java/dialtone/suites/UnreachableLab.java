package dialtone.suites;

import dialtone.core.lab.Lab;
import dialtone.model.profile.DeviceProfiles;
import dialtone.model.rack.Rack;
import dialtone.model.rack.Racks;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * A lab over a rack, by default the shipped virtual rack (ccx500-1, ccx600-1, trio-c60-1), with no
 * backend and no Appium server behind it (port 9, discard): for tests of how suites are run, not of what they do on a phone.
 */
public final class UnreachableLab {
    private static final Path HOME = Path.of("..");
    private static final URI NOWHERE = URI.create("http://127.0.0.1:9");

    private UnreachableLab() {}

    public static Lab ofTheVirtualRack() {
        return of(HOME.resolve("racks/virtual.yaml"));
    }

    /** A lab over the rack file {@code rackFile}, with no servers behind it. */
    public static Lab of(Path rackFile) {
        Rack rack = Racks.load(rackFile);
        return new Lab(rack, DeviceProfiles.loadDirectory(HOME.resolve("device-profiles")), rack.devices(),
                NOWHERE, "unused-token", NOWHERE, Map.of(), "htmlunit");
    }
}
