package dialtone.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dialtone.backend.store.BackendStore;
import dialtone.backend.store.InMemoryStore;
import dialtone.model.DeviceAdministratorEnrollment;
import dialtone.model.SignInMode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The directory's changes (users, Intune settings, passwords) that the admin and device routes
 * build on, over the in-memory store ({@code DirectoryOnH2Test}: the same over H2).
 */
class DirectoryTest {
    final BackendStore store = newStore();
    final Directory directory = new Directory(store);

    {
        directory.seed(List.of(
                new TenantConfig("contoso", "Contoso Ltd", "t1", List.of(UserAccount.commonArea("lobby@contoso.example", "Lobby", "pw-1"))),
                new TenantConfig("fabrikam", "Fabrikam Inc", "t2", List.of())));
    }

    BackendStore newStore() {
        return new InMemoryStore();
    }

    @AfterEach
    void closeStore() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Test
    void putUserAddsOrReplacesByUpnAndNeverTakesAnotherTenantsName() {
        directory.putUser("contoso", new UserAccount("megan@contoso.example", "Megan", "pw-2", SignInMode.PERSONAL));
        directory.putUser("contoso", new UserAccount("LOBBY@contoso.example", "Lobby 2", "pw-3", SignInMode.COMMON_AREA));
        assertThat(directory.requireTenant("contoso").users()).extracting(UserAccount::displayName)
                .containsExactly("Lobby 2", "Megan");
        assertThatThrownBy(() -> directory.putUser("fabrikam", UserAccount.commonArea("megan@contoso.example", "M", "pw")))
                .isInstanceOf(ApiException.class).hasMessageContaining("another organization");
        assertThat(directory.requireTenant("fabrikam").users()).isEmpty();
    }

    @Test
    void enrollmentSettingsChangeOnlyWhatIsGiven() {
        assertThat(directory.requireTenant("contoso").enrollmentPolicy().required()).isFalse();
        directory.updateEnrollment("contoso", true, null);
        directory.updateEnrollment("contoso", null, DeviceAdministratorEnrollment.BLOCKED);
        TenantConfig contoso = directory.requireTenant("contoso");
        assertThat(contoso.intuneEnrollmentRequired()).isTrue();
        assertThat(contoso.deviceAdministratorEnrollment()).isEqualTo(DeviceAdministratorEnrollment.BLOCKED);
        assertThat(directory.requireTenant("fabrikam").intuneEnrollmentRequired()).isFalse();
    }

    @Test
    void aChangedPasswordIsSeenByTheNextLookupAndNeverPrinted() {
        Instant expiry = Instant.parse("2025-06-01T00:00:00Z");
        directory.updateAccount("lobby@contoso.example", a -> a.withPassword("new-secret-9", expiry));
        UserAccount lobby = directory.member("Lobby@Contoso.example").orElseThrow().account();
        assertThat(lobby.password()).isEqualTo("new-secret-9");
        assertThat(lobby.isPasswordExpired(expiry.minusSeconds(1))).isFalse();
        assertThat(lobby.isPasswordExpired(expiry)).isTrue();
        assertThat(directory.requireTenant("contoso").toString()).doesNotContain("new-secret-9").doesNotContain("t1");
    }

    @Test
    void addUserTakesOnlyANewNameAndReplaceKeepsTheTenantId() {
        directory.addUser("fabrikam", new UserAccount("desk@fabrikam.example", "Desk", "pw-4", SignInMode.CONFERENCE));
        assertThat(directory.member("DESK@fabrikam.example")).hasValueSatisfying(m -> {
            assertThat(m.tenant().tenantId()).isEqualTo("fabrikam");
            assertThat(m.account().signInMode()).isEqualTo(SignInMode.CONFERENCE);
        });
        assertThatThrownBy(() -> directory.addUser("fabrikam", UserAccount.commonArea("Lobby@Contoso.example", "L", "pw")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> directory.replace("contoso", t -> new TenantConfig("other", "O", "t3", t.users())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(directory.replace("contoso", t -> t.withOrganizationName("Contoso Group")).organizationName())
                .isEqualTo("Contoso Group");
        assertThat(directory.requireTenant("contoso").organizationName()).isEqualTo("Contoso Group");
        assertThat(directory.tenants()).extracting(TenantConfig::tenantId).containsExactly("contoso", "fabrikam");
    }

    @Test
    void mfaPasswordExpiryAndIntuneSettingsAreStoredWithTheirTenant() {
        Instant expiry = Instant.parse("2025-09-01T00:00:00Z");
        directory.putUser("contoso", new UserAccount("megan@contoso.example", "Megan", "pw-2", SignInMode.PERSONAL, expiry, true));
        directory.updateEnrollment("contoso", true, DeviceAdministratorEnrollment.BLOCKED);

        TenantConfig stored = store.tenants().find("contoso").orElseThrow();
        assertThat(stored.intuneEnrollmentRequired()).isTrue();
        assertThat(stored.deviceAdministratorEnrollment()).isEqualTo(DeviceAdministratorEnrollment.BLOCKED);
        UserAccount megan = stored.users().stream().filter(u -> u.upn().equals("megan@contoso.example")).findFirst().orElseThrow();
        assertThat(megan.mfaEnabled()).isTrue();
        assertThat(megan.passwordExpiresDateTime()).isEqualTo(expiry);
        assertThat(megan.signInMode()).isEqualTo(SignInMode.PERSONAL);
    }
}
