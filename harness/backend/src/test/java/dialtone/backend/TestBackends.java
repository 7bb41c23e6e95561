package dialtone.backend;

import dialtone.model.BackendClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A backend as tests need it: one tenant, one Common Area Phone account, a clock that only moves when told. */
final class TestBackends {
    static final String TENANT = "contoso";
    static final String ORGANIZATION = "Contoso Ltd";
    static final String ADMIN_TOKEN = "admin-token-contoso-7Qf3xZ";
    static final String UPN = "lobby.phone@contoso.example";
    static final String DISPLAY_NAME = "Lobby Phone";
    static final String PASSWORD = "Pa55-Lobby-9kJ2!";
    static final String OTHER_ADMIN_TOKEN = "admin-token-fabrikam-2Lm8";
    static final String OTHER_UPN = "desk@fabrikam.example";
    static final String OTHER_PASSWORD = "Fabrikam-Secret-77";
    static final String CLIENT_ID = BackendConfig.TEAMS_ANDROID_CLIENT_ID;

    private TestBackends() {
    }

    static BackendConfig.Builder config() {
        return BackendConfig.builder()
                .testControls(true)
                .clock(BackendClock.fixedAt(Instant.parse("2025-03-01T09:00:00Z")))
                .devicePollInterval(Duration.ZERO)
                .tenant(new TenantConfig(TENANT, ORGANIZATION, ADMIN_TOKEN,
                        List.of(UserAccount.commonArea(UPN, DISPLAY_NAME, PASSWORD))))
                .tenant(new TenantConfig("fabrikam", "Fabrikam Inc", OTHER_ADMIN_TOKEN,
                        List.of(UserAccount.commonArea(OTHER_UPN, "Fabrikam Desk", OTHER_PASSWORD))));
    }
}
