package dialtone.backend;

import static dialtone.backend.TestBackends.ADMIN_TOKEN;
import static dialtone.backend.TestBackends.OTHER_ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dialtone.model.Mac;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fabrikam's admin token against Contoso's devices, on every admin route: 404 (or only Fabrikam's
 * own data), and Contoso's data exactly as before. The last assertion fails when a new admin
 * route is added without being tried here.
 */
class TenantIsolationTest extends RunningBackendTest {
    private static final String SECRET_LOCATION = "Contoso boardroom 7";
    private final Mac waiting = Mac.parse("64:16:7F:0A:10:01");
    private final Mac provisioned = Mac.parse("64:16:7F:0A:10:02");
    private final Mac fabrikamsOwn = Mac.parse("64:16:7F:0A:10:03");
    private final Set<String> tried = new LinkedHashSet<>();

    @BeforeEach
    void start() {
        AdminCalls contoso = new AdminCalls(http, ADMIN_TOKEN);
        contoso.add(waiting, SECRET_LOCATION);
        contoso.code(waiting);
        contoso.add(provisioned, SECRET_LOCATION);
        FakePhone phone = new FakePhone(http, provisioned);
        phone.hello();
        phone.provision(contoso.code(provisioned));
    }

    @Test
    void oneTenantsTokenNeverReadsOrChangesAnothersData() {
        String contosoBefore = contosoSnapshot();
        String inventoryId = http.get("/beta/teamwork/devices", ADMIN_TOKEN).json().path("value").get(0).path("id").asText();

        // reads: only Fabrikam's own (empty) data
        assertThat(fabrikam("GET", "/admin/v1/provisioning/devices", "/admin/v1/provisioning/devices", null).body())
                .isEqualTo("[]");
        assertThat(fabrikam("GET", "/admin/v1/provisioning/devices?state=waitingForSignIn", "/admin/v1/provisioning/devices", null)
                .body()).isEqualTo("[]");
        assertThat(fabrikam("GET", "/admin/v1/provisioning/summary", "/admin/v1/provisioning/summary", null).json()
                .path("addedMacAddresses").asInt()).isZero();
        assertThat(fabrikam("GET", "/beta/teamwork/devices", "/beta/teamwork/devices", null).json().path("value")).isEmpty();
        assertThat(fabrikam("GET", "/beta/teamwork/devices/" + inventoryId, "/beta/teamwork/devices/{id}", null).status())
                .isEqualTo(404);
        assertThat(fabrikam("GET", "/beta/teamwork/devices/" + inventoryId + "/health", "/beta/teamwork/devices/{id}/health", null)
                .status()).isEqualTo(404);
        assertThat(fabrikam("GET", "/beta/teamwork/devices/" + inventoryId + "/operations", "/beta/teamwork/devices/{id}/operations", null)
                .status()).isEqualTo(404);
        assertThat(fabrikam("GET", "/beta/teamwork/devices/" + inventoryId + "/operations/00000000-0000-0000-0000-000000000000",
                "/beta/teamwork/devices/{id}/operations/{operationId}", null).status()).isEqualTo(404);
        assertThat(fabrikam("GET", "/admin/v1/audit?mac=" + waiting, "/admin/v1/audit", null).body()).isEqualTo("[]");
        assertThat(fabrikam("GET", "/admin/v1/users", "/admin/v1/users", null).body()).doesNotContain("contoso");
        assertThat(fabrikam("GET", "/admin/v1/tenant", "/admin/v1/tenant", null).json().path("tenantId").asText())
                .isEqualTo("fabrikam");
        assertThat(fabrikam("GET", "/admin/v1/provisioning/template", "/admin/v1/provisioning/template", null).status())
                .isEqualTo(200);

        // changes aimed at Contoso's devices: not found
        for (Mac mac : List.of(waiting, provisioned)) {
            assertThat(fabrikam("POST", "/admin/v1/provisioning/devices/" + mac + "/verificationCode",
                    "/admin/v1/provisioning/devices/{mac}/verificationCode", "").status()).isEqualTo(404);
            assertThat(fabrikam("POST", "/admin/v1/provisioning/devices/" + mac + "/signIn",
                    "/admin/v1/provisioning/devices/{mac}/signIn", "").status()).isEqualTo(404);
            assertThat(fabrikam("DELETE", "/admin/v1/provisioning/devices/" + mac, "/admin/v1/provisioning/devices/{mac}", null)
                    .status()).isEqualTo(404);
        }
        assertThat(fabrikam("POST", "/admin/v1/provisioning/verificationCodes", "/admin/v1/provisioning/verificationCodes", "")
                .body()).isEqualTo("[]");
        assertThat(fabrikam("POST", "/beta/teamwork/devices/" + inventoryId + "/restart", "/beta/teamwork/devices/{id}/restart", "")
                .status()).isEqualTo(404);

        // changes that can only touch Fabrikam's own data
        assertThat(fabrikam("POST", "/admin/v1/provisioning/devices", "/admin/v1/provisioning/devices",
                "[{\"macAddress\":\"" + fabrikamsOwn + "\",\"location\":\"\"}]").status()).isEqualTo(200);
        assertThat(fabrikam("POST", "/admin/v1/provisioning/devices/upload", "/admin/v1/provisioning/devices/upload",
                "MAC address,Location\n64:16:7F:0A:10:04,\n").status()).isEqualTo(200);
        assertThat(fabrikam("POST", "/admin/v1/users", "/admin/v1/users",
                "{\"upn\":\"new@fabrikam.example\",\"password\":\"pw-123456\"}").status()).isEqualTo(201);
        assertThat(fabrikam("PATCH", "/admin/v1/tenant", "/admin/v1/tenant", "{\"organizationName\":\"Fabrikam 2\"}").status())
                .isEqualTo(200);
        assertThat(fabrikam("POST", "/admin/v1/provisioning/verificationCodes", "/admin/v1/provisioning/verificationCodes", "")
                .json()).extracting(c -> c.path("macAddress").asText()).containsExactly("64:16:7F:0A:10:03", "64:16:7F:0A:10:04");

        assertThat(contosoSnapshot()).isEqualTo(contosoBefore);
        assertThat(new FakePhone(http, provisioned).hello().json().path("organizationName").asText()).isEqualTo("Contoso Ltd");

        Set<String> adminRoutes = new LinkedHashSet<>();
        for (String endpoint : backend.endpoints()) {
            String path = endpoint.substring(endpoint.indexOf(' ') + 1);
            if (path.startsWith("/admin/") || path.startsWith("/beta/")) {
                adminRoutes.add(endpoint);
            }
        }
        assertThat(adminRoutes).contains("PATCH /admin/v1/tenant", "GET /beta/teamwork/devices/{id}").hasSizeGreaterThan(15);
        assertThat(tried).as("every admin route is tried with another tenant's token").containsAll(adminRoutes);
    }

    private Http.Reply fabrikam(String method, String path, String route, String body) {
        tried.add(method + " " + route);
        String type = route.endsWith("/upload") ? "text/csv" : "application/json";
        return http.send(method, path, body, type, Map.of("Authorization", "Bearer " + OTHER_ADMIN_TOKEN));
    }

    private String contosoSnapshot() {
        return String.join("\n",
                http.get("/admin/v1/provisioning/devices", ADMIN_TOKEN).body(),
                http.get("/admin/v1/provisioning/summary", ADMIN_TOKEN).body(),
                http.get("/beta/teamwork/devices", ADMIN_TOKEN).body(),
                http.get("/admin/v1/audit", ADMIN_TOKEN).body(),
                http.get("/admin/v1/users", ADMIN_TOKEN).body(),
                http.get("/admin/v1/tenant", ADMIN_TOKEN).body());
    }
}
