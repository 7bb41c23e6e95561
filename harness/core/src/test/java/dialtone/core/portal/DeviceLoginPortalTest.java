package dialtone.core.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dialtone.backend.BackendConfig;
import dialtone.backend.BackendServer;
import dialtone.backend.TenantConfig;
import dialtone.backend.UserAccount;
import dialtone.model.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeviceLoginPortalTest {
    private static final String UPN = "lobby@contoso.example";
    private static final String PASSWORD = "pw-Lobby-1-secret";
    private static final ObjectMapper JSON = Json.newMapper();
    private static final OkHttpClient HTTP = new OkHttpClient();
    private static BackendServer backend;
    private final DeviceLoginPortal portal = new DeviceLoginPortal(() -> Browsers.create("htmlunit"), Duration.ofSeconds(10));

    @BeforeAll
    static void start() {
        backend = BackendServer.start(BackendConfig.builder()
                .devicePollInterval(Duration.ZERO)
                .tenant(new TenantConfig("contoso", "Contoso Ltd", "admin-token-1",
                        List.of(UserAccount.commonArea(UPN, "Lobby", PASSWORD))))
                .build());
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void completesADeviceCodeGrant() throws IOException {
        JsonNode grant = post("/contoso/oauth2/v2.0/devicecode", new FormBody.Builder()
                .add("client_id", BackendConfig.TEAMS_ANDROID_CLIENT_ID).add("scope", "openid offline_access").build());
        String userCode = grant.path("user_code").asText();

        String done = portal.signIn(grant.path("verification_uri").asText(), userCode.toLowerCase(), UPN, PASSWORD.toCharArray());

        assertThat(done).startsWith("You have signed in to the Microsoft Teams Android application");
        JsonNode token = post("/contoso/oauth2/v2.0/token", new FormBody.Builder()
                .add("grant_type", "urn:ietf:params:oauth:grant-type:device_code")
                .add("client_id", BackendConfig.TEAMS_ANDROID_CLIENT_ID)
                .add("device_code", grant.path("device_code").asText()).build());
        assertThat(token.path("access_token").asText()).isNotBlank();
    }

    @Test
    void reportsAWrongCodeWithThePagesMessage() {
        assertThatThrownBy(() -> portal.signIn(backend.url() + "/devicelogin", "CDFHJKMNP", UPN, PASSWORD))
                .isInstanceOfSatisfying(PortalException.class, e -> {
                    assertThat(e.step()).isEqualTo(PortalException.Step.CODE);
                    assertThat(e.pageError()).isEqualTo("That code didn't work. Check the code and try again.");
                });
    }

    @Test
    void reportsAWrongPasswordWithoutRepeatingIt() throws IOException {
        JsonNode grant = post("/organizations/oauth2/v2.0/devicecode", new FormBody.Builder()
                .add("client_id", BackendConfig.TEAMS_ANDROID_CLIENT_ID).add("scope", "openid").build());
        assertThatThrownBy(() -> portal.signIn(grant.path("verification_uri").asText(),
                grant.path("user_code").asText(), UPN, "not-the-password-42"))
                .isInstanceOfSatisfying(PortalException.class, e -> {
                    assertThat(e.step()).isEqualTo(PortalException.Step.PASSWORD);
                    assertThat(e.pageError()).startsWith("Your account or password is incorrect.");
                })
                .message().doesNotContain("not-the-password-42");
    }

    private static JsonNode post(String path, FormBody form) throws IOException {
        try (Response response = HTTP.newCall(new Request.Builder().url(backend.url() + path).post(form).build()).execute()) {
            return JSON.readTree(response.body().string());
        }
    }
}
