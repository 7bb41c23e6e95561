package dialtone.backend.store.h2;

import dialtone.backend.store.PhoneEntry;
import dialtone.backend.store.PhoneRepository;
import dialtone.model.Mac;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Table {@code phones}: key MAC, looked up by inventory id and by the tenant whose inventory lists the phone. */
final class H2PhoneRepository implements PhoneRepository {
    private final Documents documents;

    H2PhoneRepository(Documents documents) {
        this.documents = documents;
    }

    @Override
    public Optional<PhoneEntry> find(Mac mac) {
        return documents.one(PhoneEntry.class, "SELECT doc FROM phones WHERE mac = ?", mac.compact());
    }

    @Override
    public Optional<PhoneEntry> findByInventoryId(String inventoryId) {
        return documents.one(PhoneEntry.class, "SELECT doc FROM phones WHERE inventory_id = ?", inventoryId);
    }

    @Override
    public List<PhoneEntry> inInventoryOf(String tenantId) {
        return documents.list(PhoneEntry.class, "SELECT doc FROM phones WHERE inventory_tenant_id = ? ORDER BY seq",
                tenantId).stream().sorted(Comparator.comparing(PhoneEntry::createdAt)).toList();
    }

    @Override
    public void save(PhoneEntry phone) {
        documents.update("MERGE INTO phones (mac, inventory_id, inventory_tenant_id, doc) KEY (mac) VALUES (?, ?, ?, ?)",
                phone.mac().compact(), phone.inventoryId(), phone.inventoryTenantId(), documents.write(phone));
    }
}
