package dialtone.simulator.rack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dadb.AdbKeyPair;
import dadb.Dadb;
import dialtone.simulator.phone.PhoneState;
import dialtone.simulator.phone.Technician;
import dialtone.simulator.phone.VirtualPhone;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Virtual phones against the real backend: heartbeats make the inventory's health, and the admin's restart is carried out. */
class HeartbeatAndRestartTest {
    @TempDir
    static Path keys;

    private LiveRack live;

    @AfterEach
    void stop() {
        if (live != null) live.close();
    }

    @Test
    void heartbeatsAtTheBackendsIntervalKeepThePhoneHealthyUntilItIsCutOff() {
        live = LiveRack.start(Duration.ofSeconds(1)); // the backend asks for a beat every second
        live.awaitBooted();
        VirtualPhone ccx600 = live.phone("ccx600-1");
        String id = live.provision(ccx600);
        await().atMost(Duration.ofSeconds(10)).until(() -> health(id).path("healthStatus").asText().equals("healthy"));
        assertThat(health(id).path("activityState").asText()).as("not signed in").isEqualTo("unavailable");

        // beats keep coming: four intervals later on the backend clock the phone is still healthy
        live.backend.advanceClock(Duration.ofSeconds(4));
        await().atMost(Duration.ofSeconds(10)).until(() -> health(id).path("healthStatus").asText().equals("healthy"));

        live.control("POST", "/sim/v1/devices/ccx600-1/faults", "{\"type\":\"cutBackend\"}");
        live.backend.advanceClock(Duration.ofSeconds(4)); // past three missed intervals
        await().atMost(Duration.ofSeconds(5)).until(() -> health(id).path("healthStatus").asText().equals("offline"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> health(id).path("healthStatus").asText().equals("offline"));

        live.control("DELETE", "/sim/v1/devices/ccx600-1/faults/cutBackend", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> health(id).path("healthStatus").asText().equals("healthy"));

        live.signIn(ccx600);
        await().atMost(Duration.ofSeconds(10)).until(() -> health(id).path("activityState").asText().equals("idle"));
    }

    @Test
    void theAdminsRestartRebootsThePhoneWhichComesBackSignedInAndReportsSuccess() throws Exception {
        live = LiveRack.start(Duration.ofSeconds(60));
        live.awaitBooted();
        VirtualPhone ccx500 = live.phone("ccx500-1");
        String id = live.provision(ccx500);
        live.signIn(ccx500);

        // a slow boot (3 s) keeps the operation inProgress long enough to see
        live.control("POST", "/sim/v1/devices/ccx500-1/faults", "{\"type\":\"slowBoot\",\"factor\":5}");
        try (Dadb adb = dadb(ccx500)) {
            assertThat(adb.shell("echo up").getOutput()).isEqualTo("up\n");
            String operation = live.backend.restart(id); // 202, the operation in Location
            assertThat(operation).startsWith("/beta/teamwork/devices/" + id + "/operations/");
            JsonNode created = live.backend.admin("GET", operation, null);
            assertThat(created.path("operationType").asText()).isEqualTo("deviceRestart");
            // queued until the phone's long-poll picks it up, which takes milliseconds
            assertThat(created.path("status").asText()).isIn("queued", "inProgress");
            await().atMost(Duration.ofSeconds(10)).until(() -> live.backend.admin("GET", operation, null).path("status").asText().equals("inProgress"));
            await().atMost(Duration.ofSeconds(5)).until(() -> ccx500.state() == PhoneState.BOOTING);
            assertThatThrownBy(() -> adb.shell("echo gone")).as("ADB dropped by the reboot").isInstanceOf(Exception.class);

            await().atMost(Duration.ofSeconds(20)).until(() -> live.backend.admin("GET", operation, null).path("status").asText().equals("successful"));
            JsonNode done = live.backend.admin("GET", operation, null);
            assertThat(done.path("completedDateTime").asText()).isNotEmpty();
            assertThat(done.path("error").isMissingNode() || done.path("error").isNull()).isTrue();
            assertThat(done.path("startedDateTime").asText()).as("picked up after it was queued")
                    .isGreaterThanOrEqualTo(done.path("createdDateTime").asText());
        }
        assertThat(ccx500.state()).as("back in the same signed-in state").isEqualTo(PhoneState.HOME);
        String logcat = Technician.logcat(ccx500);
        assertThat(logcat).contains("restart requested (operation ").contains("HOME -> BOOTING").contains("BOOTING -> HOME")
                .contains("restart completed (operation ");
        assertThat(logcat.indexOf("HOME -> BOOTING")).isLessThan(logcat.indexOf("BOOTING -> HOME"));
        try (Dadb adb = dadb(ccx500)) {
            assertThat(adb.shell("echo back").getOutput()).isEqualTo("back\n");
        }
    }

    @Test
    void aRestartAskedWhileThePhoneRebootsIsCarriedOutOnceItIsBack() {
        live = LiveRack.start(Duration.ofSeconds(60));
        live.awaitBooted();
        VirtualPhone ccx600 = live.phone("ccx600-1");
        String id = live.provision(ccx600);
        live.signIn(ccx600);

        // the phone reboots on its own: its long-poll's connection dies, the backend still holds it
        live.control("POST", "/sim/v1/devices/ccx600-1/faults", "{\"type\":\"slowBoot\",\"factor\":5}");
        live.control("POST", "/sim/v1/devices/ccx600-1/faults", "{\"type\":\"reboot\"}");
        await().atMost(Duration.ofSeconds(5)).until(() -> ccx600.state() == PhoneState.BOOTING);
        String operation = live.backend.restart(id);

        // handed to the dead poll, carried again by the first poll after boot: done, not lost
        await().atMost(Duration.ofSeconds(40)).until(() -> live.backend.admin("GET", operation, null).path("status").asText().equals("successful"));
        assertThat(ccx600.state()).isEqualTo(PhoneState.HOME);
        String logcat = Technician.logcat(ccx600);
        assertThat(logcat.split("restart requested \\(operation ", -1)).as("carried out once").hasSize(2);
    }

    private JsonNode health(String id) {
        return live.backend.admin("GET", "/beta/teamwork/devices/" + id, null);
    }

    private static Dadb dadb(VirtualPhone phone) throws Exception {
        File priv = keys.resolve("adbkey").toFile();
        File pub = keys.resolve("adbkey.pub").toFile();
        if (!priv.exists()) AdbKeyPair.generate(priv, pub);
        return Dadb.create(phone.adbAddress().host(), phone.adbAddress().port(), AdbKeyPair.read(priv, pub));
    }
}
