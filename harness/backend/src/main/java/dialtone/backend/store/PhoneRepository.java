package dialtone.backend.store;

import dialtone.model.Mac;
import java.util.List;
import java.util.Optional;

/** Phones that have talked to the backend; the Graph-like inventory is read from here. */
public interface PhoneRepository {
    Optional<PhoneEntry> find(Mac mac);

    Optional<PhoneEntry> findByInventoryId(String inventoryId);

    /** Phones listed in a tenant's inventory, oldest first. */
    List<PhoneEntry> inInventoryOf(String tenantId);

    void save(PhoneEntry phone);
}
