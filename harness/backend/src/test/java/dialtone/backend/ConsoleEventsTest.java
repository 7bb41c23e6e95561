package dialtone.backend;

import static dialtone.backend.TestBackends.ADMIN_TOKEN;
import static dialtone.backend.TestBackends.OTHER_ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console's live stream over plain HTTP: what an EventSource sees, tenant by tenant. */
class ConsoleEventsTest extends RunningBackendTest {
    private static final Duration BUDGET = Duration.ofSeconds(5);
    private static final String TICKETS = "/console/v1/tickets";
    private final OkHttpClient client = new OkHttpClient.Builder().readTimeout(Duration.ZERO).build();

    record Event(String event, String id, String data) {
        JsonNode json() {
            try {
                return Http.JSON.readTree(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** An open text/event-stream, parsed on a reader thread as events arrive. */
    final class Stream implements AutoCloseable {
        final Response response;
        final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();
        final Thread reader;

        Stream(String pathAndQuery, String bearer, String lastEventId) throws IOException {
            Request.Builder request = new Request.Builder().url(backend.url() + pathAndQuery)
                    .header("Accept", "text/event-stream");
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            response = client.newCall(request.build()).execute();
            reader = new Thread(this::read, "sse-reader");
            reader.setDaemon(true);
            if (response.code() == 200) {
                reader.start();
            }
        }

        private void read() {
            BufferedSource source = response.body().source();
            String event = "message";
            String id = null;
            StringBuilder data = null;
            try {
                String line;
                while ((line = source.readUtf8Line()) != null) {
                    if (line.isEmpty()) {
                        if (data != null) {
                            events.add(new Event(event, id, data.toString()));
                        }
                        event = "message";
                        data = null;
                    } else if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).strip();
                    } else if (line.startsWith("data:")) {
                        data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(5).strip());
                    }
                }
            } catch (IOException closed) {
                // the stream ended
            }
        }

        Event next() {
            await().atMost(BUDGET).until(() -> !events.isEmpty());
            return events.poll();
        }

        @Override
        public void close() {
            response.close();
        }
    }

    @BeforeEach
    void start() {
    }

    private void add(String token, String mac, String location) {
        assertThat(http.post("/admin/v1/provisioning/devices", List.of(Map.of("macAddress", mac, "location", location)),
                token).status()).isEqualTo(200);
    }

    @Test
    void aStreamGetsTheTenantsViewAtOnceAndEachChangeOnTheSameConnection() throws Exception {
        try (Stream stream = new Stream("/console/v1/events", ADMIN_TOKEN, null)) {
            assertThat(stream.response.header("Content-Type")).startsWith("text/event-stream");
            Event first = stream.next();
            assertThat(first.event()).isEqualTo("records");
            assertThat(first.json().path("organizationName").asText()).isEqualTo("Contoso Ltd");
            assertThat(first.json().path("summary").path("addedMacAddresses").asInt()).isZero();

            add(ADMIN_TOKEN, "64-16-7f-0a-0f-01", "Lobby");
            Event added = stream.next();
            assertThat(added.id()).isNotEqualTo(first.id());
            JsonNode record = added.json().path("waitingOnActivation").get(0);
            assertThat(record.path("macAddress").asText()).isEqualTo("64:16:7F:0A:0F:01");
            assertThat(record.path("location").asText()).isEqualTo("Lobby");
            assertThat(added.json().path("summary").path("addedMacAddresses").asInt()).isEqualTo(1);

            http.post("/admin/v1/provisioning/devices/64167F0A0F01/verificationCode", "", ADMIN_TOKEN);
            Event coded = stream.next();
            assertThat(coded.json().path("waitingOnActivation").get(0).path("verificationCodeExpiresDateTime").asText())
                    .isEqualTo("2025-03-02T09:00:00Z");
            assertThat(coded.data()).as("codes never travel on the stream").doesNotContain("\"code\"");

            // a call that changes nothing sends nothing: the next event is the next change
            http.post("/admin/v1/provisioning/devices", List.of(Map.of("macAddress", "64:16:7F:0A:0F:01")), ADMIN_TOKEN);
            http.delete("/admin/v1/provisioning/devices/64167F0A0F01", ADMIN_TOKEN);
            Event deleted = stream.next();
            assertThat(deleted.json().path("waitingOnActivation")).isEmpty();
            assertThat(stream.events).isEmpty();
        }
    }

    @Test
    void aTenantsStreamNeverCarriesAnotherTenantsRecords() throws Exception {
        try (Stream fabrikam = new Stream("/console/v1/events", OTHER_ADMIN_TOKEN, null)) {
            Event first = fabrikam.next();
            assertThat(first.json().path("tenantId").asText()).isEqualTo("fabrikam");
            add(ADMIN_TOKEN, "64:16:7F:0A:0F:02", "Contoso lobby");
            add(OTHER_ADMIN_TOKEN, "64:16:7F:0A:0F:03", "Fabrikam desk");
            Event next = fabrikam.next();
            assertThat(next.data()).contains("64:16:7F:0A:0F:03").doesNotContain("64:16:7F:0A:0F:02")
                    .doesNotContain("Contoso");
            assertThat(next.json().path("summary").path("addedMacAddresses").asInt()).isEqualTo(1);
        }
    }

    @Test
    void eventSourcesUseASingleUseTicketSoTheAdminTokenNeverGoesInAUrl() throws Exception {
        assertThat(http.post(TICKETS, "", null).status()).isEqualTo(401);
        JsonNode ticket = http.post(TICKETS, "", ADMIN_TOKEN).json();
        assertThat(ticket.path("expiresDateTime").asText()).isEqualTo("2025-03-01T09:01:00Z");
        String query = "/console/v1/events?ticket=" + ticket.path("ticket").asText();
        try (Stream stream = new Stream(query, null, null)) {
            assertThat(stream.response.code()).isEqualTo(200);
            assertThat(stream.next().json().path("tenantId").asText()).isEqualTo("contoso");
        }
        try (Stream again = new Stream(query, null, null)) {
            assertThat(again.response.code()).as("used").isEqualTo(401);
            assertThat(again.response.body().string()).contains("unknown, used or expired");
        }
        String late = http.post(TICKETS, "", ADMIN_TOKEN).json().path("ticket").asText();
        http.post("/test/v1/clock", Map.of("advanceSeconds", 60), null);
        try (Stream expired = new Stream("/console/v1/events?ticket=" + late, null, null)) {
            assertThat(expired.response.code()).isEqualTo(401);
        }
        try (Stream wrong = new Stream("/console/v1/events", "wrong-" + ADMIN_TOKEN, null)) {
            assertThat(wrong.response.code()).isEqualTo(401);
        }
        try (Stream none = new Stream("/console/v1/events", null, null)) {
            assertThat(none.response.code()).isEqualTo(401);
        }
        Http.Reply notAsked = http.get("/console/v1/events", ADMIN_TOKEN);
        assertThat(notAsked.status()).isEqualTo(406);
        assertThat(notAsked.json().path("message").asText()).contains("Accept: text/event-stream");
    }

    @Test
    void aReconnectWithTheLastEventIdGetsNothingStaleAndOnceAnswersTheCurrentView() throws Exception {
        String lastId;
        try (Stream stream = new Stream("/console/v1/events", ADMIN_TOKEN, null)) {
            lastId = stream.next().id();
        }
        try (Stream resumed = new Stream("/console/v1/events", ADMIN_TOKEN, lastId)) {
            add(ADMIN_TOKEN, "64:16:7F:0A:0F:04", "");
            Event next = resumed.next();
            assertThat(next.json().path("waitingOnActivation").get(0).path("macAddress").asText())
                    .as("the first event after resuming is the change, not the view it already had")
                    .isEqualTo("64:16:7F:0A:0F:04");
        }
        try (Stream once = new Stream("/console/v1/events?once=true", ADMIN_TOKEN, null)) {
            assertThat(once.next().json().path("summary").path("addedMacAddresses").asInt()).isEqualTo(1);
            once.reader.join(BUDGET.toMillis());
            assertThat(once.reader.isAlive()).as("the once response ended").isFalse();
        }
    }

    @Test
    void theConsolePageIsStaticAndLockedDown() {
        add(ADMIN_TOKEN, "64:16:7F:0A:0F:05", "Secret room");
        Http.Reply page = http.get("/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("64:16:7F:0A:0F:05").doesNotContain("Secret room").doesNotContain("<script>");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'");
        assertThat(http.get("/console/console.js", null).header("Content-Type")).startsWith("text/javascript");
    }
}
