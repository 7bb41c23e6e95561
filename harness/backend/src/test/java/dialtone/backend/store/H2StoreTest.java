package dialtone.backend.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dialtone.backend.ApiException;
import dialtone.backend.TenantConfig;
import dialtone.backend.UserAccount;
import dialtone.backend.identity.OAuthException;
import dialtone.backend.store.h2.H2Store;
import dialtone.model.VerificationCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on H2 (in memory), plus what only a database file has to get right. */
class H2StoreTest extends StoreContract {
    @TempDir
    Path dataDir;

    @Override
    BackendStore newStore() {
        return H2Store.inMemory();
    }

    @Test
    void everythingSavedIsThereAfterReopeningTheDataDirectory() {
        ProvisioningEntry entry = ProvisioningEntry.added("contoso", MAC_A, "Lobby", T0)
                .withCode(VerificationCode.parse("697150"), T0.plus(Duration.ofHours(24)), T0);
        PhoneEntry phone = PhoneEntry.firstSeen(MAC_B, "inv-b", T0).boundTo("contoso", T0);
        DeviceAuthorization authorization = authorization("device-1", dialtone.model.DeviceLoginCode.parse("EV9PGNQN8"), T0);
        try (H2Store first = H2Store.open(dataDir)) {
            first.inTransaction(() -> {
                first.tenants().save(contoso(user("lobby@contoso.example")));
                first.provisioning().save(entry);
                first.phones().save(phone);
                first.grants().save(authorization);
                first.credentials().save(MAC_B, "e".repeat(64));
                first.audit().append("contoso", new dialtone.model.audit.AuditEvent(T0, "phone", "provisioned", MAC_B, null));
            });
        }
        assertThat(dataDir.resolve(H2Store.DATABASE_NAME + ".mv.db")).isRegularFile();

        try (H2Store second = H2Store.open(dataDir)) {
            assertThat(second.tenants().find("contoso").orElseThrow().users()).extracting(UserAccount::upn)
                    .containsExactly("lobby@contoso.example");
            assertThat(second.provisioning().find("contoso", MAC_A)).contains(entry);
            assertThat(second.phones().find(MAC_B)).contains(phone);
            assertThat(second.grants().byDeviceCode("device-1")).contains(authorization);
            assertThat(second.credentials().hashOf(MAC_B)).contains("e".repeat(64));
            assertThat(second.audit().of("contoso", MAC_B, null)).extracting(e -> e.action()).containsExactly("provisioned");
        }
    }

    @Test
    void theDataDirectoryIsCreatedForItsOwnerOnly() throws Exception {
        Path dir = dataDir.resolve("backend");
        H2Store.open(dir).close();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    }

    @Test
    void aFailureUndoesTheWholeTransaction() {
        assertThatThrownBy(() -> store.inTransaction(() -> {
            store.provisioning().save(ProvisioningEntry.added("contoso", MAC_A, "Lobby", T0));
            store.provisioning().save(ProvisioningEntry.added("contoso", MAC_B, "Hall", T0));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(store.provisioning().ofTenant("contoso")).isEmpty();
    }

    @Test
    void anAnswerToTheClientKeepsWhatWasSavedBeforeIt() {
        // e.g. a token poll records its time and answers slow_down; a wrong code is counted and refused
        assertThatThrownBy(() -> store.inTransaction(() -> {
            store.provisioning().save(ProvisioningEntry.added("contoso", MAC_A, "Lobby", T0));
            throw ApiException.badRequest("invalid_code", "wrong");
        })).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> store.inTransaction(() -> {
            store.provisioning().save(ProvisioningEntry.added("contoso", MAC_B, "Hall", T0));
            throw new OAuthException("slow_down", "slow");
        })).isInstanceOf(OAuthException.class);
        assertThat(store.provisioning().ofTenant("contoso")).hasSize(2);
    }

    @Test
    void concurrentReadModifyWritesLoseNoUpdate() throws Exception {
        store.tenants().save(contoso());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String upn = "user" + i + "@contoso.example";
                done.add(pool.submit(() -> store.inTransaction(() -> {
                    TenantConfig t = store.tenants().find("contoso").orElseThrow();
                    List<UserAccount> users = new ArrayList<>(t.users());
                    users.add(user(upn));
                    store.tenants().save(new TenantConfig(t.tenantId(), t.organizationName(), t.adminToken(), users));
                })));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.tenants().find("contoso").orElseThrow().users()).hasSize(40);
    }

    @Test
    void aSecondBackendCannotOpenADataDirectoryInUse() {
        try (H2Store first = H2Store.open(dataDir)) {
            assertThatThrownBy(() -> H2Store.open(dataDir))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("is in use by another backend");
        }
    }

    @Test
    void storedDocumentsWithUnknownOrMissingFieldsStillRead() throws Exception {
        // a newer Dialtone added a field, an older one lacked one: JSON documents need no migration for that
        try (H2Store first = H2Store.open(dataDir)) {
            first.provisioning().save(ProvisioningEntry.added("contoso", MAC_A, "Lobby", T0));
        }
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve(H2Store.DATABASE_NAME), "dialtone", "");
             Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE provisioning_records SET doc = REPLACE(doc, '\"location\":\"Lobby\",', '\"wrongGuesses\":3,')");
        }
        try (H2Store second = H2Store.open(dataDir)) {
            ProvisioningEntry read = second.provisioning().find("contoso", MAC_A).orElseThrow();
            assertThat(read.location()).isNull();
            assertThat(read.createdAt()).isEqualTo(T0);
        }
    }

    @Test
    void aVersionOneDataDirectoryIsUpgradedInPlace() throws Exception {
        try (H2Store first = H2Store.open(dataDir)) {
            first.inTransaction(() -> {
                first.tenants().save(contoso(user("lobby@contoso.example")));
                first.provisioning().save(ProvisioningEntry.added("contoso", MAC_A, "Lobby", T0));
            });
        }
        // what Dialtone's first schema left behind: no credentials, no audit log, version 1
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve(H2Store.DATABASE_NAME), "dialtone", "");
             Statement s = c.createStatement()) {
            s.execute("DROP TABLE device_credentials");
            s.execute("DROP TABLE audit_events");
            s.executeUpdate("DELETE FROM schema_version WHERE version > 1");
        }
        try (H2Store second = H2Store.open(dataDir)) {
            assertThat(second.tenants().find("contoso").orElseThrow().users()).hasSize(1);
            assertThat(second.provisioning().find("contoso", MAC_A)).isPresent();
            second.credentials().save(MAC_A, "f".repeat(64));
            second.audit().append("contoso", new dialtone.model.audit.AuditEvent(T0, "admin", "deviceAdded", MAC_A, null));
        }
        try (H2Store third = H2Store.open(dataDir)) {
            assertThat(third.credentials().hashOf(MAC_A)).contains("f".repeat(64));
            assertThat(third.audit().of("contoso", MAC_A, null)).hasSize(1);
        }
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve(H2Store.DATABASE_NAME), "dialtone", "");
             Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
    }

    @Test
    void aDataDirectoryWrittenByANewerDialtoneIsRefused() throws Exception {
        H2Store.open(dataDir).close();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve(H2Store.DATABASE_NAME), "dialtone", "");
             Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO schema_version (version) VALUES (99)");
        }
        assertThatThrownBy(() -> H2Store.open(dataDir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version 99");
    }
}
