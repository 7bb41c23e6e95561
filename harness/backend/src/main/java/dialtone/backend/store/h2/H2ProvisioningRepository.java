package dialtone.backend.store.h2;

import dialtone.backend.store.ProvisioningEntry;
import dialtone.backend.store.ProvisioningRepository;
import dialtone.model.Mac;
import java.util.List;
import java.util.Optional;

/** Table {@code provisioning_records}: key (tenant id, MAC), looked up by MAC too; {@code seq} keeps the order added. */
final class H2ProvisioningRepository implements ProvisioningRepository {
    private final Documents documents;

    H2ProvisioningRepository(Documents documents) {
        this.documents = documents;
    }

    @Override
    public Optional<ProvisioningEntry> find(String tenantId, Mac mac) {
        return documents.one(ProvisioningEntry.class,
                "SELECT doc FROM provisioning_records WHERE tenant_id = ? AND mac = ?", tenantId, mac.compact());
    }

    @Override
    public List<ProvisioningEntry> ofTenant(String tenantId) {
        return documents.list(ProvisioningEntry.class,
                "SELECT doc FROM provisioning_records WHERE tenant_id = ? ORDER BY seq", tenantId);
    }

    @Override
    public List<ProvisioningEntry> ofMac(Mac mac) {
        return documents.list(ProvisioningEntry.class,
                "SELECT doc FROM provisioning_records WHERE mac = ? ORDER BY seq", mac.compact());
    }

    @Override
    public void save(ProvisioningEntry entry) {
        // MERGE keeps an existing row's seq: a replaced record keeps its place, as in the in-memory store
        documents.update("MERGE INTO provisioning_records (tenant_id, mac, doc) KEY (tenant_id, mac) VALUES (?, ?, ?)",
                entry.tenantId(), entry.mac().compact(), documents.write(entry));
    }

    @Override
    public boolean delete(String tenantId, Mac mac) {
        return documents.update("DELETE FROM provisioning_records WHERE tenant_id = ? AND mac = ?",
                tenantId, mac.compact()) > 0;
    }
}
