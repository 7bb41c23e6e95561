package dialtone.simulator.rack;

import dialtone.model.profile.FirmwareVersion;
import dialtone.model.rack.Rack;
import dialtone.model.rack.TimeScale;
import dialtone.simulator.adb.AdbAuth;
import dialtone.simulator.appium.AppiumDevice;
import dialtone.simulator.appium.AppiumServer;
import dialtone.simulator.control.ControlServer;
import dialtone.simulator.phone.PhoneState;
import dialtone.simulator.phone.SimulatorTiming;
import dialtone.simulator.phone.FirmwareCatalogue;
import dialtone.simulator.phone.FirmwareLine;
import dialtone.simulator.phone.VirtualPhone;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The virtual rack: one virtual phone per rack device (each with its adbd on the device's
 * {@code adb} address) and one Appium-compatible server for all of them, like one Appium server
 * with several phones attached. Phones talk to the backend at {@code backendUrl}.
 */
public final class VirtualRack implements AutoCloseable {
    private final AppiumServer appium;
    private final Map<String, VirtualPhone> phonesByUdid = new LinkedHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final OkHttpClient http;
    private ControlServer control;

    private VirtualRack(Rack rack, String backendUrl, TimeScale timeScale) {
        this.scheduler = Executors.newScheduledThreadPool(Math.max(4, Math.min(16, rack.devices().size() * 2)), daemonThreads("virtual-phone"));
        // every phone keeps a command long-poll open and reuses its connection for the next one: keep
        // that many idle, or a large rack opens and closes connections all the time
        this.http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5))
                .connectionPool(new ConnectionPool(Math.max(5, rack.devices().size() * 2), 5, TimeUnit.MINUTES)).build();
        this.appium = AppiumServer.start("127.0.0.1", 0, udid -> Optional.ofNullable(phonesByUdid.get(udid)).map(p -> (AppiumDevice) p));
        for (Rack.Device d : rack.devices()) {
            FirmwareVersion firmware = d.firmware().orElseThrow(() -> new IllegalArgumentException("virtual phone " + d.id() + " needs a firmware"));
            FirmwareLine line = line(d, firmware);
            VirtualPhone phone = new VirtualPhone(d.id(), d.adb(),
                    d.mac().orElseThrow(() -> new IllegalArgumentException("virtual phone " + d.id() + " needs a mac")),
                    firmware, line, backendUrl, SimulatorTiming.of(line, timeScale), scheduler, http, p -> appium.endSessionsOf(p.udid()));
            phone.adbAuth(d.adbKeys().map(AdbKeysFile::read).orElseGet(AdbAuth::anyKey));
            phonesByUdid.put(phone.udid(), phone);
        }
    }

    /**
     * Starts every phone of the rack (they boot, then listen for ADB), the Appium server and the
     * control API. Every device-side duration is the phone's firmware line's real duration times
     * {@code timeScale}. Each phone's adbd asks hosts for RSA AUTH: any key is accepted (and remembered)
     * unless the device names an {@code adbKeys} file, which is then the allow-list.
     */
    public static VirtualRack start(Rack rack, String backendUrl, TimeScale timeScale) {
        rack.devices().forEach(VirtualRack::requireFreeAdbPort);
        rack.devices().forEach(d -> d.firmware().ifPresent(f -> line(d, f))); // an unknown firmware fails before anything starts
        rack.devices().forEach(d -> d.adbKeys().ifPresent(AdbKeysFile::read)); // so does a bad adb_keys file
        VirtualRack vr = new VirtualRack(rack, backendUrl, timeScale);
        try {
            vr.control = ControlServer.start("127.0.0.1", 0, vr.phones(), vr.appium::endSessionsOf);
        } catch (RuntimeException e) {
            vr.close();
            throw e;
        }
        vr.phonesByUdid.values().forEach(VirtualPhone::powerOn);
        return vr;
    }

    public String appiumUrl() {
        return appium.url();
    }

    /** The simulator control API (devices, fault injection): {@code <url>/sim/v1/devices}. */
    public String controlUrl() {
        return control.url();
    }

    public List<VirtualPhone> phones() {
        return List.copyOf(phonesByUdid.values());
    }

    /** True once every phone has booted. */
    public boolean booted() {
        return phonesByUdid.values().stream().noneMatch(p -> p.state() == PhoneState.BOOTING);
    }

    @Override
    public void close() {
        phonesByUdid.values().forEach(VirtualPhone::close);
        if (control != null) control.close();
        appium.close();
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private static FirmwareLine line(Rack.Device d, FirmwareVersion firmware) {
        try {
            return FirmwareCatalogue.shipped().line(d.profile(), firmware);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot start virtual phone " + d.id() + ": " + e.getMessage(), e);
        }
    }

    /** Fails now, with the reason, rather than leaving a phone that never finishes booting. */
    private static void requireFreeAdbPort(Rack.Device d) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(d.adb().host(), d.adb().port()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start virtual phone " + d.id() + ": adb address " + d.adb()
                    + " is in use or not local (" + e.getMessage() + "); is another `dialtone sim` running?");
        }
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
