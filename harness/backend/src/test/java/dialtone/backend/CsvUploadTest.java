package dialtone.backend;

import static dialtone.backend.TestBackends.ADMIN_TOKEN;
import static dialtone.backend.TestBackends.OTHER_ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "Upload MAC addresses": Template_Provisioning.csv over HTTP, per-row reasons, whole-file refusals, size limits. */
class CsvUploadTest extends RunningBackendTest {
    private AdminCalls contoso;

    @BeforeEach
    void start() {
        contoso = new AdminCalls(http, ADMIN_TOKEN);
    }

    @Test
    void servesTheTemplateAsADownload() {
        okhttp3.Request request = new okhttp3.Request.Builder().url(backend.url() + "/admin/v1/provisioning/template")
                .header("Authorization", "Bearer " + ADMIN_TOKEN).build();
        try (okhttp3.Response response = new okhttp3.OkHttpClient().newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.header("Content-Type")).startsWith("text/csv");
            assertThat(response.header("Content-Disposition")).isEqualTo("attachment; filename=\"Template_Provisioning.csv\"");
            String template = response.body().string();
            assertThat(template).isEqualTo("MAC address,Location\r\n");
            // the template itself uploads cleanly: a header and no rows
            JsonNode result = contoso.upload(template).json();
            assertThat(result.path("added")).isEmpty();
            assertThat(result.path("rejected")).isEmpty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(http.get("/admin/v1/provisioning/template", null).status()).isEqualTo(401);
    }

    @Test
    void addsGoodRowsAndReportsEachBadRowWithItsNumberAndReason() {
        String csv = "\uFEFFMAC address,Location\r\n"
                + "64-16-7f-0a-0b-01,\"Building 2, floor 3 \"\"east\"\"\"\r\n"  // 1 ok, dash spelling
                + "64167F0A0B02,Reception\r\n"                                    // 2 ok, bare
                + "64:16:7F:0A:0B,short\r\n"                                       // 3 wrong length
                + ",\r\n"                                                           // 4 empty row
                + "64:16:7f:0a:0b:01,again\r\n"                                    // 5 duplicate of row 1
                + "64:16:7F:0A:0B:03," + "x".repeat(257) + "\r\n"                  // 6 location too long
                + "64:16:7F:0A:0B:04,a,b\r\n"                                      // 7 extra field
                + "ZZ:16:7F:0A:0B:05,bad hex\r\n";                                 // 8 bad character
        JsonNode result = contoso.upload(csv).json();
        assertThat(result.path("added")).extracting(r -> r.path("macAddress").asText())
                .containsExactly("64:16:7F:0A:0B:01", "64:16:7F:0A:0B:02");
        assertThat(result.path("added").get(0).path("location").asText()).isEqualTo("Building 2, floor 3 \"east\"");
        JsonNode rejected = result.path("rejected");
        assertThat(rejected).extracting(r -> r.path("row").asInt()).containsExactly(3, 4, 5, 6, 7, 8);
        assertThat(rejected.get(0).path("reason").asText()).contains("wrong length");
        assertThat(rejected.get(1).path("reason").asText()).isEqualTo("empty row");
        assertThat(rejected.get(2).path("reason").asText()).isEqualTo("64:16:7F:0A:0B:01 is a duplicate of row 1");
        assertThat(rejected.get(3).path("reason").asText()).isEqualTo("location is 257 characters long; at most 256 are allowed");
        assertThat(rejected.get(4).path("reason").asText()).contains("3 fields");
        assertThat(rejected.get(5).path("reason").asText()).contains("bad character 'Z' at position 1");

        JsonNode again = contoso.upload("MAC address,Location\n64167F0A0B02,again\n").json();
        assertThat(again.path("rejected").get(0).path("reason").asText())
                .isEqualTo("64:16:7F:0A:0B:02 is already added and waiting on activation");
        assertThat(contoso.get("/admin/v1/provisioning/summary").json().path("waitingOnActivation").asInt()).isEqualTo(2);
    }

    @Test
    void csvAndJsonGiveIdenticalRecords() {
        JsonNode viaCsv = contoso.upload("MAC address,Location\n64-16-7f-0a-0b-01, Lobby \n").json().path("added");
        JsonNode viaJson = http.post("/admin/v1/provisioning/devices",
                List.of(Map.of("macAddress", "64-16-7f-0a-0b-01", "location", " Lobby ")), OTHER_ADMIN_TOKEN).json().path("added");
        assertThat(viaCsv).isEqualTo(viaJson);
        assertThat(contoso.get("/admin/v1/provisioning/devices").json())
                .isEqualTo(http.get("/admin/v1/provisioning/devices", OTHER_ADMIN_TOKEN).json());
    }

    @Test
    void aMalformedFileAddsNothing() {
        for (String csv : List.of("MAC,Where\n64167F0A0B01,x\n", "MAC address,Location\n64167F0A0B01,ok\n64167F0A0B02,\"open\n")) {
            Http.Reply reply = contoso.upload(csv);
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().path("error").asText()).isEqualTo("malformed_csv");
        }
        byte[] latin1 = "MAC address,Location\n64167F0A0B01,Caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Http.Reply notUtf8 = http.send("POST", "/admin/v1/provisioning/devices/upload", latin1, "text/csv",
                Map.of("Authorization", "Bearer " + ADMIN_TOKEN));
        assertThat(notUtf8.status()).isEqualTo(400);
        assertThat(notUtf8.json().path("message").asText()).contains("not UTF-8");
        assertThat(contoso.get("/admin/v1/provisioning/devices").json()).isEmpty();
    }

    @Test
    void refusesMoreThanAThousandRowsAndAddsNone() {
        Http.Reply csv = contoso.upload(dialtone.backend.admin.ProvisioningCsvTestRows.csvOf(1001));
        assertThat(csv.status()).isEqualTo(413);
        assertThat(csv.json().path("error").asText()).isEqualTo("too_many_rows");
        assertThat(csv.json().path("message").asText()).contains("1001 rows").contains("nothing was added");

        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            rows.add(Map.of("macAddress", String.format("64167F00%04X", i), "location", ""));
        }
        Http.Reply json = http.post("/admin/v1/provisioning/devices", rows, ADMIN_TOKEN);
        assertThat(json.status()).isEqualTo(413);
        assertThat(contoso.get("/admin/v1/provisioning/summary").json().path("addedMacAddresses").asInt()).isZero();

        JsonNode thousand = contoso.upload(dialtone.backend.admin.ProvisioningCsvTestRows.csvOf(1000)).json();
        assertThat(thousand.path("added")).hasSize(1000);
    }

    @Test
    void wantsTheCsvAsATextCsvBody() {
        Http.Reply reply = http.send("POST", "/admin/v1/provisioning/devices/upload", "MAC address,Location\n",
                "multipart/form-data; boundary=x", Map.of("Authorization", "Bearer " + ADMIN_TOKEN));
        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.json().path("message").asText()).contains("Content-Type: text/csv");
    }

    @Test
    void limitsBodySizesForAdminsAndPhones() {
        String huge = "MAC address,Location\n" + ("64167F0A0B01," + "y".repeat(1000) + "\n").repeat(1100);
        Http.Reply tooLarge = contoso.upload(huge);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().path("error").asText()).isEqualTo("body_too_large");
        assertThat(tooLarge.json().path("message").asText()).contains("at most 1 MiB");

        Http.Reply hello = http.postRaw("/device/v1/devices/64167F0A0B01/hello",
                "{\"model\":\"" + "x".repeat(20_000) + "\"}", null);
        assertThat(hello.status()).isEqualTo(413);
        assertThat(hello.json().path("message").asText()).contains("at most 16 KiB");
        // nothing was written: the phone is unknown to the inventory
        assertThat(contoso.get("/beta/teamwork/devices").json().path("value")).isEmpty();
        assertThat(contoso.get("/admin/v1/provisioning/devices").json()).isEmpty();
    }
}
