package dialtone.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dialtone.model.DeviceAdministratorEnrollment;
import dialtone.model.SignInMode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The directory's changes (users, Intune settings, passwords) that the admin and device routes build on. */
class DirectoryTest {
    private final Directory directory = new Directory(List.of(
            new TenantConfig("contoso", "Contoso Ltd", "t1", List.of(UserAccount.commonArea("lobby@contoso.example", "Lobby", "pw-1"))),
            new TenantConfig("fabrikam", "Fabrikam Inc", "t2", List.of())));

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
}
