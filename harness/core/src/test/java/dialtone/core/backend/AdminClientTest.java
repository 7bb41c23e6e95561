package dialtone.core.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dialtone.backend.BackendConfig;
import dialtone.backend.BackendServer;
import dialtone.backend.TenantConfig;
import dialtone.backend.UserAccount;
import dialtone.model.BackendClock;
import dialtone.model.Mac;
import dialtone.model.provisioning.AddDevicesResult;
import dialtone.model.provisioning.IssuedVerificationCode;
import dialtone.model.provisioning.NewDevice;
import dialtone.model.provisioning.ProvisioningState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminClientTest {
    private static final String TOKEN = "contoso-admin-token-Xy81";
    private BackendServer backend;
    private AdminClient admin;

    @BeforeEach
    void start() {
        backend = BackendServer.start(BackendConfig.builder()
                .testControls(true)
                .clock(BackendClock.fixedAt(Instant.parse("2025-03-01T09:00:00Z")))
                .signInTimeout(Duration.ofMillis(300))
                .tenant(new TenantConfig("contoso", "Contoso Ltd", TOKEN,
                        List.of(UserAccount.commonArea("lobby@contoso.example", "Lobby", "pw-Lobby-1"))))
                .build());
        admin = new AdminClient(backend.url(), TOKEN);
    }

    @AfterEach
    void stop() {
        admin.close();
        backend.close();
    }

    @Test
    void managesProvisioningRecords() {
        Mac mac = Mac.parse("64:16:7F:00:00:01");
        assertThat(admin.health()).isEqualTo("ok");
        assertThat(admin.addDevice(mac, "Lab rack 1, slot 1").state()).isEqualTo(ProvisioningState.WAITING_ON_ACTIVATION);

        AddDevicesResult result = admin.addDevices(List.of(new NewDevice("00-04-f2-00-00-02", "slot 2"),
                new NewDevice("not-a-mac", "slot 3"), new NewDevice(mac.compact(), "again")));
        assertThat(result.added()).extracting(r -> r.macAddress().toString()).containsExactly("00:04:F2:00:00:02");
        assertThat(result.rejected()).extracting(r -> r.row()).containsExactly(2, 3);

        assertThatThrownBy(() -> admin.addDevice(mac, "dup"))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("already added");

        assertThat(admin.devices(ProvisioningState.WAITING_ON_ACTIVATION)).hasSize(2);
        assertThat(admin.summary().addedMacAddresses()).isEqualTo(2);

        IssuedVerificationCode code = admin.issueVerificationCode(mac);
        assertThat(code.code().digits()).matches("[0-9]{6}");
        assertThat(code.expiresDateTime()).isEqualTo(Instant.parse("2025-03-02T09:00:00Z"));
        assertThat(admin.issueVerificationCodes()).hasSize(2);

        admin.deleteDevice(mac);
        assertThat(admin.devices()).hasSize(1);
        assertThat(admin.audit(mac)).extracting(e -> e.actor() + " " + e.action()).containsExactly(
                "admin deviceAdded", "admin verificationCodeIssued", "admin verificationCodeIssued", "admin deviceDeleted");
        assertThat(admin.audit(mac).get(0).macAddress()).isEqualTo(mac);
        assertThat(admin.audit(mac).get(0).at()).isEqualTo(Instant.parse("2025-03-01T09:00:00Z"));
        assertThatThrownBy(() -> admin.deleteDevice(mac))
                .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.status()).isEqualTo(404));

        assertThat(admin.teamworkDevices()).isEmpty();
        assertThat(admin.advanceClock(Duration.ofHours(25))).isEqualTo(Instant.parse("2025-03-02T10:00:00Z"));
    }

    @Test
    void reportsBackendErrorsWithStatusAndCodeButNoToken() {
        try (AdminClient stranger = new AdminClient(backend.url(), "wrong-token-123")) {
            assertThatThrownBy(stranger::summary)
                    .isInstanceOfSatisfying(BackendException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.error()).isEqualTo("unauthorized");
                    })
                    .message().doesNotContain("wrong-token-123");
        }
        Mac mac = Mac.parse("64:16:7F:00:00:09");
        admin.addDevice(mac, "nowhere");
        assertThatThrownBy(() -> admin.remoteSignIn(mac))
                .isInstanceOfSatisfying(BackendException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.error()).isEqualTo("not_waiting_for_sign_in");
                })
                .message().doesNotContain(TOKEN);
    }

    @Test
    void reportsAnUnreachableBackend() {
        String url = backend.url();
        backend.close();
        try (AdminClient client = new AdminClient(url, TOKEN)) {
            assertThatThrownBy(client::health)
                    .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.isUnreachable()).isTrue());
        }
        backend = BackendServer.start(backend.config());
    }
}
