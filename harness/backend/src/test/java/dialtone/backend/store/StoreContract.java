package dialtone.backend.store;

import static org.assertj.core.api.Assertions.assertThat;

import dialtone.backend.TenantConfig;
import dialtone.backend.UserAccount;
import dialtone.model.DeviceAdministratorEnrollment;
import dialtone.model.DeviceLoginCode;
import dialtone.model.Mac;
import dialtone.model.SignInMode;
import dialtone.model.VerificationCode;
import dialtone.model.audit.AuditEvent;
import dialtone.model.device.DeviceHello;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link BackendStore} must do; run against each implementation. */
abstract class StoreContract {
    static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    static final Mac MAC_A = Mac.parse("64:16:7F:0A:0B:0C");
    static final Mac MAC_B = Mac.parse("00:04:F2:11:22:33");

    BackendStore store;

    abstract BackendStore newStore();

    @BeforeEach
    void open() {
        store = newStore();
    }

    @AfterEach
    void close() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    static TenantConfig contoso(UserAccount... users) {
        return new TenantConfig("contoso", "Contoso Ltd", "token-contoso", List.of(users));
    }

    static UserAccount user(String upn) {
        return new UserAccount(upn, "User " + upn, "pw-" + upn, SignInMode.COMMON_AREA);
    }

    @Test
    void tenantsAreFoundIgnoringCaseListedInOrderAndReplacedWithTheirAccounts() {
        store.tenants().save(contoso(user("lobby@contoso.example"), user("hall@contoso.example")));
        store.tenants().save(new TenantConfig("fabrikam", "Fabrikam Inc", "token-fabrikam", List.of()));

        assertThat(store.tenants().find("CONTOSO")).hasValueSatisfying(t -> {
            assertThat(t.organizationName()).isEqualTo("Contoso Ltd");
            assertThat(t.adminToken()).isEqualTo("token-contoso");
            assertThat(t.users()).extracting(UserAccount::upn).containsExactly("lobby@contoso.example", "hall@contoso.example");
            assertThat(t.users().get(0).password()).isEqualTo("pw-lobby@contoso.example");
        });
        assertThat(store.tenants().find("nowhere")).isEmpty();
        assertThat(store.tenants().find(null)).isEmpty();

        store.tenants().save(new TenantConfig("contoso", "Contoso Renamed", "token-contoso", List.of(user("new@contoso.example"))));
        assertThat(store.tenants().all()).extracting(TenantConfig::tenantId).containsExactly("contoso", "fabrikam");
        assertThat(store.tenants().find("contoso").orElseThrow().users()).extracting(UserAccount::upn)
                .containsExactly("new@contoso.example");
        assertThat(store.tenants().find("contoso").orElseThrow().organizationName()).isEqualTo("Contoso Renamed");
    }

    @Test
    void provisioningRecordsKeepTheOrderTheyWereAddedInEvenWhenReplaced() {
        ProvisioningEntry a = ProvisioningEntry.added("contoso", MAC_A, "Lobby", T0);
        ProvisioningEntry b = ProvisioningEntry.added("contoso", MAC_B, "Hall", T0);
        store.provisioning().save(a);
        store.provisioning().save(b);
        store.provisioning().save(ProvisioningEntry.added("fabrikam", MAC_A, "Desk", T0));

        ProvisioningEntry withCode = a.withCode(VerificationCode.parse("697150"), T0.plus(Duration.ofHours(24)), T0);
        store.provisioning().save(withCode);

        assertThat(store.provisioning().ofTenant("contoso")).containsExactly(withCode, b);
        assertThat(store.provisioning().find("contoso", MAC_A)).contains(withCode);
        assertThat(store.provisioning().find("contoso", Mac.parse("11:22:33:44:55:66"))).isEmpty();
        assertThat(store.provisioning().ofMac(MAC_A)).extracting(ProvisioningEntry::tenantId)
                .containsExactlyInAnyOrder("contoso", "fabrikam");

        assertThat(store.provisioning().delete("contoso", MAC_A)).isTrue();
        assertThat(store.provisioning().delete("contoso", MAC_A)).isFalse();
        assertThat(store.provisioning().ofTenant("contoso")).containsExactly(b);
        assertThat(store.provisioning().ofMac(MAC_A)).hasSize(1);
    }

    @Test
    void phonesAreFoundByMacAndInventoryIdAndListedPerInventoryTenantOldestFirst() {
        PhoneEntry later = PhoneEntry.firstSeen(MAC_A, "inv-a", T0.plusSeconds(60))
                .withHardware(new DeviceHello("CCX 600", "Poly", "9.0.0.10315", "SN-A", "1449"), T0.plusSeconds(60))
                .boundTo("contoso", T0.plusSeconds(61));
        PhoneEntry earlier = PhoneEntry.firstSeen(MAC_B, "inv-b", T0).boundTo("contoso", T0)
                .signedIn(new PhoneEntry.SignedInAccount("id-1", "lobby@contoso.example", "Lobby"), T0.plusSeconds(5));
        store.phones().save(later);
        store.phones().save(earlier);
        store.phones().save(PhoneEntry.firstSeen(Mac.parse("11:22:33:44:55:66"), "inv-c", T0));

        assertThat(store.phones().find(MAC_A)).contains(later);
        assertThat(store.phones().findByInventoryId("inv-b")).contains(earlier);
        assertThat(store.phones().findByInventoryId("inv-x")).isEmpty();
        assertThat(store.phones().inInventoryOf("contoso")).containsExactly(earlier, later);

        PhoneEntry reset = later.factoryReset(T0.plusSeconds(120));
        store.phones().save(reset);
        assertThat(store.phones().find(MAC_A).orElseThrow().isBound()).isFalse();
        assertThat(store.phones().inInventoryOf("contoso")).containsExactly(earlier, reset);
    }

    @Test
    void deviceAuthorizationsAreFoundByDeviceCodeAndByTheNewestMatchingUserCode() {
        DeviceLoginCode code = DeviceLoginCode.parse("EV9PGNQN8");
        DeviceAuthorization old = authorization("device-old", code, T0);
        DeviceAuthorization recent = authorization("device-new", DeviceLoginCode.parse("ev9-pgn-qn8"), T0.plusSeconds(900));
        store.grants().save(recent);
        store.grants().save(old);

        assertThat(store.grants().byDeviceCode("device-old")).contains(old);
        assertThat(store.grants().byDeviceCode("device-none")).isEmpty();
        assertThat(store.grants().byUserCode("EV9PGNQN8")).contains(recent);
        assertThat(store.grants().byUserCode("CCCCCCCCC")).isEmpty();

        DeviceAuthorization approved = recent.approvedBy("contoso", "lobby@contoso.example");
        store.grants().save(approved);
        assertThat(store.grants().byDeviceCode("device-new").orElseThrow().status()).isEqualTo(DeviceAuthorization.Status.APPROVED);

        AccessGrant grant = new AccessGrant("access-1", AccessGrant.Kind.ACCESS, "contoso", "lobby@contoso.example",
                "scope", T0.plusSeconds(3600));
        store.grants().save(grant);
        assertThat(store.grants().grant("access-1")).contains(grant);
        assertThat(store.grants().grant("access-2")).isEmpty();
    }

    @Test
    void deviceCredentialsAreKeptPerMacReplacedAndDeleted() {
        store.credentials().save(MAC_A, "a".repeat(64));
        store.credentials().save(MAC_B, "b".repeat(64));
        store.credentials().save(MAC_A, "c".repeat(64));

        assertThat(store.credentials().hashOf(Mac.parse("64-16-7f-0a-0b-0c"))).contains("c".repeat(64));
        assertThat(store.credentials().hashOf(MAC_B)).contains("b".repeat(64));
        assertThat(store.credentials().hashOf(Mac.parse("11:22:33:44:55:66"))).isEmpty();

        store.credentials().delete(MAC_A);
        store.credentials().delete(MAC_A);
        assertThat(store.credentials().hashOf(MAC_A)).isEmpty();
        assertThat(store.credentials().hashOf(MAC_B)).isPresent();
    }

    @Test
    void theAuditLogIsPerTenantInAppendOrderAndFiltersByMacAndTime() {
        AuditEvent added = new AuditEvent(T0, "admin", "deviceAdded", MAC_A, "Lobby");
        AuditEvent user = new AuditEvent(T0.plusSeconds(1), "admin", "userCreated", null, "megan@contoso.example");
        AuditEvent other = new AuditEvent(T0.plusSeconds(2), "phone", "provisioned", MAC_B, null);
        // appended out of time order: the log keeps the append order
        AuditEvent signedIn = new AuditEvent(T0.plusNanos(500), "phone", "signedIn", MAC_A, "as lobby@contoso.example");
        store.audit().append("contoso", added);
        store.audit().append("contoso", user);
        store.audit().append("contoso", other);
        store.audit().append("contoso", signedIn);
        store.audit().append("fabrikam", new AuditEvent(T0, "phone", "provisioningRefused", MAC_A, "device_bound_elsewhere"));

        assertThat(store.audit().of("contoso", null, null)).containsExactly(added, user, other, signedIn);
        assertThat(store.audit().of("contoso", MAC_A, null)).containsExactly(added, signedIn);
        assertThat(store.audit().of("contoso", MAC_A, T0.plusNanos(500))).containsExactly(signedIn);
        assertThat(store.audit().of("contoso", null, T0.plusSeconds(1))).containsExactly(user, other);
        assertThat(store.audit().of("fabrikam", MAC_A, null)).extracting(AuditEvent::action)
                .containsExactly("provisioningRefused");
        assertThat(store.audit().of("nowhere", null, null)).isEmpty();
    }

    @Test
    void tenantSettingsAndAccountPoliciesAreStored() {
        Instant expiry = T0.plus(Duration.ofDays(90));
        UserAccount megan = new UserAccount("megan@contoso.example", "Megan", "pw", SignInMode.PERSONAL, expiry, true);
        store.tenants().save(contoso(megan).withEnrollment(true, DeviceAdministratorEnrollment.BLOCKED));

        TenantConfig read = store.tenants().find("contoso").orElseThrow();
        assertThat(read.intuneEnrollmentRequired()).isTrue();
        assertThat(read.deviceAdministratorEnrollment()).isEqualTo(DeviceAdministratorEnrollment.BLOCKED);
        assertThat(read.users()).containsExactly(megan);
        assertThat(read.users().get(0).mfaEnabled()).isTrue();
        assertThat(read.users().get(0).passwordExpiresDateTime()).isEqualTo(expiry);
    }

    @Test
    void aNestedTransactionJoinsTheOuterOne() {
        String answer = store.inTransaction(() -> {
            store.provisioning().save(ProvisioningEntry.added("contoso", MAC_A, "Lobby", T0));
            return store.inTransaction(() -> store.provisioning().find("contoso", MAC_A).orElseThrow().location());
        });
        assertThat(answer).isEqualTo("Lobby");
        assertThat(store.provisioning().find("contoso", MAC_A)).isPresent();
    }

    static DeviceAuthorization authorization(String deviceCode, DeviceLoginCode userCode, Instant issued) {
        return new DeviceAuthorization(deviceCode, userCode, "client", "scope", "contoso", issued,
                issued.plusSeconds(900), Duration.ofSeconds(5), null, DeviceAuthorization.Status.PENDING, null, null);
    }
}
