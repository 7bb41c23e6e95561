package dialtone.simulator.rack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dadb.AdbKeyPair;
import dadb.Dadb;
import dialtone.model.Mac;
import dialtone.model.rack.Rack;
import dialtone.model.rack.Racks;
import dialtone.model.rack.TimeScale;
import dialtone.simulator.phone.VirtualPhone;
import io.javalin.Javalin;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated rack of fifty phones in one JVM: all boot, answer ADB and send a heartbeat to the
 * backend. The backend here is a stub that only counts (the real one needs each phone provisioned
 * before its inventory shows health).
 */
class FiftyPhonesTest {
    @TempDir
    Path keys;
    private Javalin backend;
    private VirtualRack rack;

    @AfterEach
    void stop() {
        if (rack != null) rack.close();
        if (backend != null) backend.stop();
    }

    @Test
    void fiftyPhonesBootAnswerAdbAndSendHeartbeats() throws Exception {
        Set<Mac> beating = ConcurrentHashMap.newKeySet();
        Set<Mac> polling = ConcurrentHashMap.newKeySet();
        backend = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.post("/device/v1/devices/{mac}/hello", ctx -> ctx.json(Map.of()));
            c.routes.post("/device/v1/devices/{mac}/heartbeat", ctx -> {
                beating.add(Mac.parse(ctx.pathParam("mac")));
                ctx.json(Map.of("heartbeatIntervalSeconds", 60));
            });
            c.routes.get("/device/v1/devices/{mac}/commands", ctx -> {
                polling.add(Mac.parse(ctx.pathParam("mac")));
                ctx.future(() -> new CompletableFuture<Void>().completeOnTimeout(null, 2, TimeUnit.SECONDS)
                        .thenRun(() -> ctx.json(Map.of("commands", java.util.List.of()))));
            });
            c.routes.post("/{tenant}/oauth2/v2.0/devicecode", ctx -> ctx.status(503).json(Map.of("error", "stub")));
        }).start("127.0.0.1", 0);

        Rack shipped = Racks.load(Path.of("../../racks/virtual.yaml"));
        Rack fifty = RackGenerator.rack(shipped, 50, "127.0.0.1", LiveRack.freePortRun(50));
        assertThat(fifty.devices().stream().map(d -> d.mac().orElseThrow()).collect(Collectors.toSet())).hasSize(50);
        rack = VirtualRack.start(fifty, "http://127.0.0.1:" + backend.port(), new TimeScale(0.01));
        await().atMost(Duration.ofSeconds(60)).until(rack::booted);

        File priv = keys.resolve("adbkey").toFile();
        AdbKeyPair.generate(priv, keys.resolve("adbkey.pub").toFile());
        AdbKeyPair key = AdbKeyPair.read(priv, keys.resolve("adbkey.pub").toFile());
        for (VirtualPhone phone : rack.phones()) {
            try (Dadb adb = Dadb.create(phone.adbAddress().host(), phone.adbAddress().port(), key)) {
                assertThat(adb.shell("getprop ro.product.model").getOutput().strip()).as(phone.id()).isEqualTo(phone.model().model());
            }
        }
        Set<Mac> all = rack.phones().stream().map(VirtualPhone::mac).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(beating).containsExactlyInAnyOrderElementsOf(all));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(polling).containsExactlyInAnyOrderElementsOf(all));
    }
}
