package dialtone.core;

import dialtone.core.backend.AdminClient;
import dialtone.backend.BackendConfig;
import dialtone.backend.BackendServer;
import dialtone.backend.TenantConfig;
import dialtone.backend.UserAccount;
import dialtone.core.phone.Phone;
import dialtone.model.BackendClock;
import dialtone.model.Mac;
import dialtone.model.profile.DeviceProfile;
import dialtone.model.profile.DeviceProfiles;
import dialtone.model.rack.AdbAddress;
import dialtone.model.rack.Power;
import dialtone.model.rack.Rack;
import dialtone.model.rack.Racks;
import dialtone.model.rack.TimeScale;
import dialtone.simulator.phone.PhoneState;
import dialtone.simulator.phone.VirtualPhone;
import dialtone.simulator.rack.VirtualRack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import static org.awaitility.Awaitility.await;

/**
 * The emulated backend and a virtual rack of {@code phones} phones (the shipped models in turn, on free
 * loopback ports, power: virtual) for core tests that drive phones through the real clients.
 */
public final class VirtualLab implements AutoCloseable {
    private static final MediaType JSON = MediaType.get("application/json");

    public final BackendServer backend;
    public final VirtualRack rack;
    public final Rack inventory;
    private final DeviceProfiles profiles = DeviceProfiles.loadDirectory(Path.of("../../device-profiles"));
    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20)).build();

    private VirtualLab(BackendServer backend, Rack inventory, VirtualRack rack) {
        this.backend = backend;
        this.inventory = inventory;
        this.rack = rack;
    }

    /** The admin token of the lab's tenant (contoso). */
    private static final String ADMIN_TOKEN = "test-admin-token-0123456789";

    /** An admin center client of the lab's tenant; the caller closes it. */
    public AdminClient admin() {
        return new AdminClient(backend.url(), ADMIN_TOKEN);
    }

    public static VirtualLab start(int phones, TimeScale timeScale) {
        Rack shipped = Racks.load(Path.of("../../racks/virtual.yaml"));
        List<Rack.Device> devices = new ArrayList<>();
        for (int i = 0; i < phones; i++) {
            Rack.Device t = shipped.devices().get(i % shipped.devices().size());
            devices.add(new Rack.Device("phone-" + (i + 1), t.profile(), new AdbAddress("127.0.0.1", freePort()),
                    Optional.of(Mac.parse(String.format("64:16:7F:99:00:%02X", i + 1))), t.firmware(), Power.VIRTUAL));
        }
        Rack rack = new Rack(shipped.source(), "recovery-test", shipped.backend(), shipped.appium(), devices, List.of());
        BackendServer backend = BackendServer.start(BackendConfig.builder().host("127.0.0.1").port(0).testControls(true)
                .clock(BackendClock.system())
                .tenant(new TenantConfig("contoso", "Contoso Ltd", ADMIN_TOKEN,
                        List.of(UserAccount.commonArea("lobby@contoso.example", "Lobby", "pw-Lobby-1"))))
                .build());
        try {
            VirtualLab lab = new VirtualLab(backend, rack, VirtualRack.start(rack, backend.url(), timeScale));
            await().atMost(Duration.ofSeconds(30)).until(lab.rack::booted);
            return lab;
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    public DeviceProfile profile(String deviceId) {
        return profiles.get(inventory.device(deviceId).profile());
    }

    /** A core Phone for the device, with {@code profile} (e.g. short recovery budgets). */
    public Phone phone(String deviceId, DeviceProfile profile) {
        try {
            return new Phone(inventory.device(deviceId), profile, new URL(rack.appiumUrl()));
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    public VirtualPhone virtual(String deviceId) {
        return rack.phones().stream().filter(p -> p.id().equals(deviceId)).findFirst().orElseThrow();
    }

    public URI control() {
        return URI.create(rack.controlUrl());
    }

    /** POSTs a fault to the control API; fails on anything but 200. */
    public void inject(String deviceId, String faultJson) {
        Request r = new Request.Builder().url(rack.controlUrl() + "/sim/v1/devices/" + deviceId + "/faults")
                .post(RequestBody.create(faultJson, JSON)).build();
        try (Response response = http.newCall(r).execute()) {
            if (response.code() != 200) throw new IllegalStateException("fault " + faultJson + ": HTTP " + response.code() + " " + response.body().string());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** DELETEs every fault of the phone. */
    public void clearFaults(String deviceId) {
        Request r = new Request.Builder().url(rack.controlUrl() + "/sim/v1/devices/" + deviceId + "/faults").delete().build();
        try (Response response = http.newCall(r).execute()) {
            if (response.code() != 200) throw new IllegalStateException("clearing faults: HTTP " + response.code());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void awaitState(String deviceId, PhoneState state) {
        await().atMost(Duration.ofSeconds(20)).until(() -> virtual(deviceId).state() == state);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        rack.close();
        backend.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
