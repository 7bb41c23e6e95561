package dialtone.core.rack;

import dialtone.model.rack.Power;
import dialtone.model.Mac;
import dialtone.model.rack.AdbAddress;
import dialtone.model.rack.Rack;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Rack phones for pool tests: nothing listens on their adb addresses. */
final class TestDevices {
    private TestDevices() {}

    static Rack.Device device(String id, String profile, int n) {
        return new Rack.Device(id, profile, AdbAddress.parse("127.0.0.1:" + (20000 + n)), Optional.of(Mac.parse(String.format("64:16:7F:50:00:%02X", n))),
                Optional.empty(), Power.NONE);
    }

    static Rack rack(String name, List<Rack.Device> devices) {
        return new Rack(Path.of(name + ".yaml"), name, new Rack.Backend(Optional.of(URI.create("http://127.0.0.1:9")), "contoso", Optional.empty(), Optional.empty()),
                new Rack.Appium(Optional.of(URI.create("http://127.0.0.1:9"))), devices, List.of());
    }
}
