package dialtone.suites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dialtone.backend.BackendConfig;
import dialtone.backend.BackendServer;
import dialtone.backend.TenantConfig;
import dialtone.core.lab.Lab;
import dialtone.core.recovery.RecoveryLog;
import dialtone.model.BackendClock;
import dialtone.model.profile.DeviceProfiles;
import dialtone.model.rack.AdbAddress;
import dialtone.model.rack.Rack;
import dialtone.model.rack.Racks;
import dialtone.model.rack.TimeScale;
import dialtone.simulator.rack.VirtualRack;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testng.ITestResult;
import org.testng.annotations.Factory;

/**
 * A rack test whose Appium session is killed on its first attempt: the infrastructure failure is
 * retried after RackDeviceTest climbed the recovery ladder on the real (virtual) phone, and the climb
 * is in recovery.jsonl with the failure as its cause.
 */
class RecoveryBeforeRetryTest {
    @TempDir
    Path dir;

    public static class LosesItsSession extends RackDeviceTest {
        static final AtomicInteger attempts = new AtomicInteger();

        @Factory(dataProvider = RACK_PHONES, dataProviderClass = RackDeviceTest.class)
        public LosesItsSession(String deviceId) {
            super(deviceId);
        }

        @org.testng.annotations.Test
        public void readsTheSignInScreen() throws IOException {
            phone.driver();
            if (attempts.incrementAndGet() == 1) {
                killSession(lab.simulatorControl().orElseThrow(), deviceId());
                phone.driver().getPageSource(); // NoSuchSessionException: the lab's failure
            }
            assertThat(phone.signInScreen().isShowing()).isTrue();
        }
    }

    @Test
    void anInfrastructureFailureIsRetriedAfterTheLadderBroughtThePhoneBack() throws IOException {
        Rack shipped = Racks.load(Path.of("../racks/virtual.yaml"));
        Rack.Device t = shipped.device("ccx600-1");
        Rack rack = new Rack(shipped.source(), "retry-test", shipped.backend(), shipped.appium(),
                List.of(new Rack.Device(t.id(), t.profile(), new AdbAddress("127.0.0.1", freePort()), t.mac(), t.firmware(), t.power())), List.of());
        Path profiles = Files.createDirectories(dir.resolve("device-profiles"));
        String profile = Files.readString(Path.of("../device-profiles/poly-ccx600.yaml"))
                .replace("reconnectAdb:     {attempts: 2, timeout: 10s}", "reconnectAdb:     {attempts: 1, timeout: 1s}");
        Files.writeString(profiles.resolve("poly-ccx600.yaml"), profile);
        Path reports = dir.resolve("reports");

        String token = "test-admin-token-0123456789";
        try (BackendServer backend = BackendServer.start(BackendConfig.builder().host("127.0.0.1").port(0).testControls(true)
                     .clock(BackendClock.system()).tenant(new TenantConfig("contoso", "Contoso Ltd", token, List.of())).build());
             VirtualRack virtual = VirtualRack.start(rack, backend.url(), new TimeScale(0.01))) {
            await().atMost(Duration.ofSeconds(30)).until(virtual::booted);
            Lab lab = new Lab(rack, DeviceProfiles.loadDirectory(profiles), rack.devices(), URI.create(backend.url()), token, Optional.empty(),
                    URI.create(virtual.appiumUrl()), Map.of(), "htmlunit", Optional.of(URI.create(virtual.controlUrl())));
            lab.recordRecoveriesIn(reports);
            Lab.install(lab);
            InProcessRun run;
            try {
                LosesItsSession.attempts.set(0);
                run = InProcessRun.of(reports.resolve("allure-results"), LosesItsSession.class);
            } finally {
                Lab.install(null);
                lab.close();
            }
            assertThat(run.of("readsTheSignInScreen")).extracting(ITestResult::getStatus)
                    .containsExactly(ITestResult.SKIP, ITestResult.SUCCESS); // TestNG marks a retried attempt SKIP
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String l : Files.readAllLines(reports.resolve(RecoveryLog.FILE_NAME))) lines.add(new ObjectMapper().readTree(l));
        assertThat(lines).extracting(l -> l.path("rung").asText() + " " + l.path("outcome").asText())
                .containsExactly("reconnectAdb failed", "newAppiumSession recovered");
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.path("device").asText()).isEqualTo("ccx600-1");
            assertThat(l.path("cause").asText()).startsWith("NoSuchSessionException: ");
        });
    }

    static void killSession(URI control, String device) throws IOException {
        OkHttpClient http = new OkHttpClient();
        Request r = new Request.Builder().url(control + "/sim/v1/devices/" + device + "/faults")
                .post(RequestBody.create("{\"type\":\"killAppiumSession\"}", MediaType.get("application/json"))).build();
        try (Response response = http.newCall(r).execute()) {
            assertThat(response.code()).isEqualTo(200);
        } finally {
            http.dispatcher().executorService().shutdown();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
