package dialtone.simulator.rack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dialtone.model.rack.Rack;
import dialtone.model.rack.Racks;
import dialtone.model.rack.TimeScale;
import dialtone.simulator.phone.EmbeddedBackend;
import dialtone.simulator.phone.PhoneState;
import dialtone.simulator.phone.Technician;
import dialtone.simulator.phone.VirtualPhone;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The emulated backend ({@link EmbeddedBackend}) and a virtual rack talking to it, on free loopback
 * ports; plus the simulator control API and the few steps (provision, sign in) rack tests need.
 */
public final class LiveRack implements AutoCloseable {
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final ObjectMapper JSON = new ObjectMapper();

    public final EmbeddedBackend backend;
    public final VirtualRack rack;
    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30)).build();

    private LiveRack(EmbeddedBackend backend, VirtualRack rack) {
        this.backend = backend;
        this.rack = rack;
    }

    /** The shipped virtual rack (one phone per model) on free ports, at time scale 0.01 (a 0.6 s boot). */
    public static LiveRack start(Duration heartbeatInterval) {
        Rack shipped = Racks.load(Path.of("../../racks/virtual.yaml"));
        Rack rack = RackGenerator.rack(shipped, shipped.devices().size(), "127.0.0.1", freePortRun(shipped.devices().size()));
        EmbeddedBackend backend = EmbeddedBackend.start(null, heartbeatInterval);
        try {
            return new LiveRack(backend, VirtualRack.start(rack, backend.url(), new TimeScale(0.01)));
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    public VirtualPhone phone(String id) {
        return rack.phones().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    public void awaitBooted() {
        await().atMost(Duration.ofSeconds(30)).until(rack::booted);
    }

    /** Added in TAC, code entered on the phone, org name shown: returns the phone's inventory id. */
    public String provision(VirtualPhone phone) {
        backend.addDevice(phone.mac());
        String code = backend.verificationCode(phone.mac());
        await().atMost(Duration.ofSeconds(10)).until(() -> phone.state() == PhoneState.SIGN_IN);
        Technician.enterVerificationCode(phone, code);
        await().atMost(Duration.ofSeconds(20)).until(() -> phone.state() == PhoneState.SIGN_IN && Technician.organizationShown(phone) != null
                || phone.state() == PhoneState.PROVISIONING_FAILED);
        assertThat(phone.state()).isEqualTo(PhoneState.SIGN_IN);
        return inventoryId(phone);
    }

    /** Remote sign-in from TAC and the Common Area Phone account's login at the portal; waits for the home screen. */
    public void signIn(VirtualPhone phone) {
        approveRemoteSignIn(phone);
        await().atMost(Duration.ofSeconds(20)).until(() -> phone.state() == PhoneState.HOME);
    }

    /** Remote sign-in from TAC and the account's login at the Device Login portal; does not wait for the phone. */
    public void approveRemoteSignIn(VirtualPhone phone) {
        String userCode = backend.remoteSignIn(phone.mac()).path("userCode").asText();
        assertThat(backend.portalSignIn(userCode, EmbeddedBackend.CAP, EmbeddedBackend.PASSWORD)).contains("id=\"done\"");
    }

    public String inventoryId(VirtualPhone phone) {
        for (JsonNode d : backend.inventory().path("value")) {
            if (d.toString().contains(phone.mac().toString())) {
                return d.path("id").asText();
            }
        }
        throw new AssertionError(phone.id() + " is not in the inventory");
    }

    /** A call to the simulator's control API. */
    public Reply control(String method, String path, String body) {
        RequestBody rb = body == null ? null : RequestBody.create(body.getBytes(), JSON_TYPE);
        try (Response r = http.newCall(new Request.Builder().url(rack.controlUrl() + path).method(method, rb).build()).execute()) {
            String text = r.body().string();
            return new Reply(r.code(), text, text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Reply(int status, String body, JsonNode json) {}

    /** A run of {@code n} consecutive free loopback ports. */
    public static int freePortRun(int n) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base;
            try (ServerSocket s = new ServerSocket(0)) {
                base = s.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (base + n > 65535) continue;
            boolean free = true;
            for (int p = base; p < base + n && free; p++) {
                try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
                    s.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) return base;
        }
        throw new IllegalStateException("no run of " + n + " free ports");
    }

    @Override
    public void close() {
        rack.close();
        backend.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
