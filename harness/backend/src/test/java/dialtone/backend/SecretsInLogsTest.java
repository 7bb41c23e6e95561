package dialtone.backend;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dialtone.model.Mac;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SecretsInLogsTest {
    @Test
    void noSecretReachesTheLog() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        String accessToken;
        String deviceCode;
        String verificationCode;
        String deviceSecret;
        try (BackendServer backend = BackendServer.start(TestBackends.config().build())) {
            Http http = new Http(backend.url());
            Mac mac = Mac.parse("64:16:7F:0A:0D:01");
            http.post("/admin/v1/provisioning/devices", List.of(Map.of("macAddress", mac.toString(), "location", "")),
                    TestBackends.ADMIN_TOKEN);
            verificationCode = http.post("/admin/v1/provisioning/devices/" + mac + "/verificationCode", "",
                    TestBackends.ADMIN_TOKEN).json().path("code").asText();
            try (FakePhone phone = new FakePhone(http, mac)) {
                phone.provision(verificationCode);
                deviceSecret = phone.deviceSecret();
                phone.authenticated("GET", "/commands?waitSeconds=0", null, null);
                http.send("GET", phone.path("/commands?waitSeconds=0"), (byte[]) null, "application/json",
                        Map.of("X-Device-Secret", "wrong-" + deviceSecret));
                JsonNode grant = phone.startDeviceCodeGrant("contoso").json();
                deviceCode = grant.path("device_code").asText();
                PortalForms.signIn(http, grant.path("user_code").asText(), TestBackends.UPN, "wrong-" + TestBackends.PASSWORD);
                PortalForms.signIn(http, grant.path("user_code").asText(), TestBackends.UPN, TestBackends.PASSWORD);
                accessToken = phone.pollToken(deviceCode).json().path("access_token").asText();
                phone.signedIn(accessToken);
                http.get("/admin/v1/provisioning/summary", "wrong-" + TestBackends.ADMIN_TOKEN);
                http.postRaw("/admin/v1/provisioning/devices", "[{\"macAddress\": \"" + TestBackends.PASSWORD, TestBackends.ADMIN_TOKEN);
            }
        } finally {
            root.detachAppender(captured);
        }
        String log = captured.list.stream()
                .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())))
                .collect(Collectors.joining("\n"));
        assertThat(log).contains("POST /admin/v1/provisioning/devices -> 200").contains("[Authorization: ***]");
        assertThat(log).doesNotContain(TestBackends.ADMIN_TOKEN, TestBackends.PASSWORD, accessToken, deviceCode,
                verificationCode, deviceSecret);
    }
}
