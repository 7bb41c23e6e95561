package dialtone.core.rack;

import dialtone.model.rack.Power;
import static org.assertj.core.api.Assertions.assertThat;

import dialtone.core.phone.Phone;
import dialtone.model.profile.DeviceProfiles;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Preflight's answers when nothing listens: reasons that name what failed and where. */
class PreflightTest {
    private static final DeviceProfiles PROFILES = DeviceProfiles.loadDirectory(Path.of("../../device-profiles"));

    @Test
    void aBackendThatDoesNotAnswerAndAPhoneWithoutAdbAreNamed() throws Exception {
        int closed = closedPort();
        Preflight preflight = new Preflight(URI.create("http://127.0.0.1:" + closed));
        assertThat(preflight.backendProblem()).get().asString().startsWith("backend http://127.0.0.1:" + closed + " unreachable: ");

        var device = new dialtone.model.rack.Rack.Device("ccx500-a", "poly-ccx500", dialtone.model.rack.AdbAddress.parse("127.0.0.1:" + closed),
                java.util.Optional.empty(), java.util.Optional.empty(), Power.NONE);
        try (Phone phone = new Phone(device, PROFILES.get("poly-ccx500"), new URL("http://127.0.0.1:" + closed))) {
            assertThat(preflight.check(phone)).contains("preflight: ADB unreachable at " + device.adb());
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
