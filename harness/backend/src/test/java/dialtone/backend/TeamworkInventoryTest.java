package dialtone.backend;

import static dialtone.backend.TestBackends.ADMIN_TOKEN;
import static dialtone.backend.TestBackends.OTHER_ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dialtone.model.Mac;
import dialtone.model.device.CommandResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Graph-like inventory: healthStatus from heartbeats, restart operations carried out by a phone. */
class TeamworkInventoryTest {
    private static final Mac MAC = Mac.parse("64:16:7F:0A:0E:01");
    private static final String DEVICES = "/beta/teamwork/devices";

    private BackendServer backend;
    private Http http;
    private FakePhone phone;

    private void start(BackendConfig.Builder config) {
        backend = BackendServer.start(config.build());
        http = new Http(backend.url());
        phone = new FakePhone(http, MAC);
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    /** Added, code entered on the phone: it is in contoso's inventory. Returns its inventory id. */
    private String provisioned() {
        http.post("/admin/v1/provisioning/devices", List.of(Map.of("macAddress", MAC.toString(), "location", "Lab")),
                ADMIN_TOKEN);
        String code = http.post("/admin/v1/provisioning/devices/" + MAC.compact() + "/verificationCode", "",
                ADMIN_TOKEN).json().path("code").asText();
        phone.hello();
        assertThat(phone.provision(code).status()).isEqualTo(200);
        return http.get(DEVICES, ADMIN_TOKEN).json().path("value").get(0).path("id").asText();
    }

    private Http.Reply heartbeat(String activityState) {
        return phone.authenticated("POST", "/heartbeat", FakePhone.json(Map.of("activityState", activityState)), null);
    }

    private JsonNode device(String id) {
        return http.get(DEVICES + "/" + id, ADMIN_TOKEN).json();
    }

    private void advance(long seconds) {
        assertThat(http.post("/test/v1/clock", Map.of("advanceSeconds", seconds), null).status()).isEqualTo(200);
    }

    @Test
    void healthShowsTheFirmwareAndTeamsVersionsOfThePhonesHello() {
        start(TestBackends.config());
        String id = provisioned();
        JsonNode software = http.get(DEVICES + "/" + id + "/health", ADMIN_TOKEN).json().path("softwareUpdateHealth");
        assertThat(software.path("firmwareSoftwareUpdateStatus").path("currentVersion").asText()).isEqualTo("9.0.0.10315");
        assertThat(software.path("teamsClientSoftwareUpdateStatus").path("currentVersion").asText()).isEqualTo("1449/1.0.94.2024");
        assertThat(software.path("firmwareSoftwareUpdateStatus").path("softwareFreshness").asText()).isEqualTo("unknown");
        assertThat(http.get(DEVICES + "/" + id + "/health", OTHER_ADMIN_TOKEN).status()).as("another tenant's device").isEqualTo(404);
        assertThat(http.get(DEVICES + "/no-such-device/health", ADMIN_TOKEN).status()).isEqualTo(404);
    }

    @Test
    void healthComesFromHeartbeatsAndGoesOfflineAfterThreeMissedOnes() {
        start(TestBackends.config().heartbeatInterval(Duration.ofSeconds(60)).missedHeartbeatsBeforeOffline(3));
        String id = provisioned();
        assertThat(device(id).path("healthStatus").asText()).as("no heartbeat yet").isEqualTo("unknown");
        assertThat(device(id).path("activityState").asText()).isEqualTo("unknown");

        Http.Reply beat = heartbeat("busy");
        assertThat(beat.status()).isEqualTo(200);
        assertThat(beat.json().path("heartbeatIntervalSeconds").asLong()).isEqualTo(60);
        assertThat(device(id).path("healthStatus").asText()).isEqualTo("healthy");
        assertThat(device(id).path("activityState").asText()).isEqualTo("busy");

        advance(180);
        assertThat(device(id).path("healthStatus").asText()).as("three intervals: the third is just due").isEqualTo("healthy");
        advance(1);
        assertThat(device(id).path("healthStatus").asText()).as("third heartbeat missed").isEqualTo("offline");
        assertThat(device(id).path("activityState").asText()).isEqualTo("unavailable");
        assertThat(http.get(DEVICES, ADMIN_TOKEN).json().path("value").get(0).path("healthStatus").asText())
                .isEqualTo("offline");

        heartbeat("idle");
        assertThat(device(id).path("healthStatus").asText()).isEqualTo("healthy");
        assertThat(device(id).path("activityState").asText()).isEqualTo("idle");
    }

    @Test
    void aBadHeartbeatIsRefusedWithTheReasonAndChangesNothing() {
        start(TestBackends.config());
        String id = provisioned();
        Http.Reply wrong = heartbeat("sleeping");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().path("error").asText()).isEqualTo("invalid_activity_state");
        assertThat(wrong.json().path("message").asText()).contains("busy, idle, unavailable or unknown").contains("sleeping");
        Http.Reply malformed = phone.authenticated("POST", "/heartbeat", "{\"activityState\": ", null);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("error").asText()).isEqualTo("malformed_json");
        Http.Reply missing = phone.authenticated("POST", "/heartbeat", "{}", null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(http.postRaw("/device/v1/devices/not-a-mac/heartbeat", "{\"activityState\":\"idle\"}", null).json()
                .path("error").asText()).isEqualTo("invalid_mac");
        assertThat(device(id).path("healthStatus").asText()).isEqualTo("unknown");
    }

    @Test
    void aRestartIsQueuedCarriedOutByThePhoneAndReported() {
        start(TestBackends.config());
        String id = provisioned();

        Http.Reply restart = http.post(DEVICES + "/" + id + "/restart", "", ADMIN_TOKEN);
        assertThat(restart.status()).isEqualTo(202);
        assertThat(restart.body()).isEmpty();
        String location = restart.header("Location");
        assertThat(location).matches(DEVICES + "/" + id + "/operations/[0-9a-f-]{36}");
        JsonNode queued = http.get(location, ADMIN_TOKEN).json();
        assertThat(queued.path("operationType").asText()).isEqualTo("deviceRestart");
        assertThat(queued.path("status").asText()).isEqualTo("queued");
        assertThat(queued.path("createdDateTime").asText()).isEqualTo("2025-03-01T09:00:00Z");
        assertThat(queued.path("startedDateTime").isNull()).isTrue();
        assertThat(http.post(DEVICES + "/" + id + "/restart", "", ADMIN_TOKEN).status()).as("one queued").isEqualTo(409);

        // the phone's long-poll picks it up: the command id is the operation id
        JsonNode command = phone.authenticated("GET", "/commands?waitSeconds=5", null, null).json().path("commands").get(0);
        String operationId = queued.path("id").asText();
        assertThat(command.path("type").asText()).isEqualTo("restart");
        assertThat(command.path("id").asText()).isEqualTo(operationId);
        advance(5);
        assertThat(phone.authenticated("POST", "/commands/" + operationId + "/result", "{}", null).status()).isEqualTo(204);
        JsonNode started = http.get(location, ADMIN_TOKEN).json();
        assertThat(started.path("status").asText()).isEqualTo("inProgress");
        assertThat(started.path("startedDateTime").asText()).isEqualTo("2025-03-01T09:00:05Z");
        Http.Reply conflict = http.post(DEVICES + "/" + id + "/restart", "", ADMIN_TOKEN);
        assertThat(conflict.status()).as("one in progress").isEqualTo(409);
        assertThat(conflict.json().path("error").asText()).isEqualTo("operation_in_progress");
        assertThat(conflict.json().path("message").asText()).contains(operationId).contains("inProgress");

        // rebooted, it reports the outcome
        advance(150);
        Http.Reply done = phone.authenticated("POST", "/operations/" + operationId, FakePhone.json(Map.of("status", "successful")), null);
        assertThat(done.status()).isEqualTo(200);
        JsonNode successful = http.get(location, ADMIN_TOKEN).json();
        assertThat(successful.path("status").asText()).isEqualTo("successful");
        assertThat(successful.path("completedDateTime").asText()).isEqualTo("2025-03-01T09:02:35Z");
        assertThat(successful.path("error").isNull()).isTrue();
        assertThat(phone.authenticated("POST", "/operations/" + operationId, FakePhone.json(Map.of("status", "successful")), null).status())
                .as("an ended operation cannot end again").isEqualTo(409);

        // a new restart is accepted now; the list has both, oldest first
        assertThat(http.post(DEVICES + "/" + id + "/restart", "", ADMIN_TOKEN).status()).isEqualTo(202);
        JsonNode operations = http.get(DEVICES + "/" + id + "/operations", ADMIN_TOKEN).json().path("value");
        assertThat(operations).hasSize(2);
        assertThat(operations.get(0).path("id").asText()).isEqualTo(operationId);
        assertThat(operations.get(1).path("status").asText()).isEqualTo("queued");
    }

    @Test
    void aPhoneThatRefusesOrFailsTheRestartFailsTheOperationWithItsReason() {
        start(TestBackends.config());
        String id = provisioned();
        String location = http.post(DEVICES + "/" + id + "/restart", "", ADMIN_TOKEN).header("Location");
        String operationId = location.substring(location.lastIndexOf('/') + 1);
        phone.authenticated("GET", "/commands?waitSeconds=5", null, null);
        phone.authenticated("POST", "/commands/" + operationId + "/result", FakePhone.json(CommandResult.failed("unsupported_command")), null);
        JsonNode refused = http.get(location, ADMIN_TOKEN).json();
        assertThat(refused.path("status").asText()).isEqualTo("failed");
        assertThat(refused.path("error").path("code").asText()).isEqualTo("deviceRefused");
        assertThat(refused.path("error").path("message").asText()).contains("unsupported_command");

        String second = http.post(DEVICES + "/" + id + "/restart", "", ADMIN_TOKEN).header("Location");
        String secondId = second.substring(second.lastIndexOf('/') + 1);
        Http.Reply early = phone.authenticated("POST", "/operations/" + secondId, FakePhone.json(Map.of("status", "successful")), null);
        assertThat(early.status()).as("not picked up yet").isEqualTo(409);
        assertThat(early.json().path("error").asText()).isEqualTo("operation_not_in_progress");
        phone.authenticated("GET", "/commands?waitSeconds=5", null, null);
        phone.authenticated("POST", "/commands/" + secondId + "/result", "{}", null);
        Http.Reply bad = phone.authenticated("POST", "/operations/" + secondId, FakePhone.json(Map.of("status", "done")), null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").asText()).isEqualTo("invalid_status");
        assertThat(http.get(second, ADMIN_TOKEN).json().path("status").asText()).as("unchanged").isEqualTo("inProgress");
        assertThat(http.post("/device/v1/devices/64167F0A0E02/operations/" + secondId, Map.of("status", "successful"),
                null).status()).as("another phone cannot report it").isEqualTo(404);
        phone.authenticated("POST", "/operations/" + secondId,
                FakePhone.json(Map.of("status", "failed", "error", Map.of("code", "bootLoop", "message", "stuck at the logo"))), null);
        JsonNode failed = http.get(second, ADMIN_TOKEN).json();
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("error").path("code").asText()).isEqualTo("bootLoop");
    }

    @Test
    void anOperationNobodyPicksUpOrFinishesFailsInsteadOfBlockingTheDevice() {
        start(TestBackends.config().heartbeatInterval(Duration.ofSeconds(1)).missedHeartbeatsBeforeOffline(1));
        String id = provisioned();
        String location = http.post(DEVICES + "/" + id + "/restart", "", ADMIN_TOKEN).header("Location");
        await().atMost(Duration.ofSeconds(5)).until(() -> http.get(location, ADMIN_TOKEN).json().path("status").asText(),
                "failed"::equals);
        assertThat(http.get(location, ADMIN_TOKEN).json().path("error").path("code").asText()).isEqualTo("deviceUnreachable");

        String second = http.post(DEVICES + "/" + id + "/restart", "", ADMIN_TOKEN).header("Location");
        String secondId = second.substring(second.lastIndexOf('/') + 1);
        phone.authenticated("GET", "/commands?waitSeconds=5", null, null);
        phone.authenticated("POST", "/commands/" + secondId + "/result", "{}", null);
        advance(600);
        assertThat(http.get(second, ADMIN_TOKEN).json().path("status").asText()).isEqualTo("inProgress");
        advance(1);
        JsonNode lost = http.get(second, ADMIN_TOKEN).json();
        assertThat(lost.path("status").asText()).isEqualTo("failed");
        assertThat(lost.path("error").path("code").asText()).isEqualTo("timedOut");
        assertThat(http.post(DEVICES + "/" + id + "/restart", "", ADMIN_TOKEN).status()).isEqualTo(202);
    }

    @Test
    void anotherTenantSeesNoneOfItAndAnonymousCallsAreRefused() {
        start(TestBackends.config());
        String id = provisioned();
        String location = http.post(DEVICES + "/" + id + "/restart", "", ADMIN_TOKEN).header("Location");

        assertThat(http.get(DEVICES, OTHER_ADMIN_TOKEN).json().path("value")).isEmpty();
        for (Http.Reply reply : List.of(
                http.get(DEVICES + "/" + id, OTHER_ADMIN_TOKEN),
                http.post(DEVICES + "/" + id + "/restart", "", OTHER_ADMIN_TOKEN),
                http.get(DEVICES + "/" + id + "/operations", OTHER_ADMIN_TOKEN),
                http.get(location, OTHER_ADMIN_TOKEN))) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(404);
            assertThat(reply.body()).doesNotContain(MAC.toString());
        }
        for (String token : new String[] {null, "wrong-" + ADMIN_TOKEN}) {
            assertThat(http.get(DEVICES, token).status()).isEqualTo(401);
            assertThat(http.get(DEVICES + "/" + id, token).status()).isEqualTo(401);
            assertThat(http.post(DEVICES + "/" + id + "/restart", "", token).status()).isEqualTo(401);
            assertThat(http.get(DEVICES + "/" + id + "/operations", token).status()).isEqualTo(401);
            assertThat(http.get(location, token).status()).isEqualTo(401);
        }
        assertThat(http.get(location, ADMIN_TOKEN).json().path("status").asText()).as("nothing changed").isEqualTo("queued");
        assertThat(http.get(DEVICES + "/" + id + "/operations", ADMIN_TOKEN).json().path("value")).hasSize(1);
        assertThat(http.get(DEVICES + "/no-such-device", ADMIN_TOKEN).status()).isEqualTo(404);
        assertThat(http.get(DEVICES + "/" + id + "/operations/no-such-operation", ADMIN_TOKEN).status()).isEqualTo(404);
    }
}
