package dialtone.backend.store;

import dialtone.model.Mac;
import java.util.List;
import java.util.Optional;

/** Provisioning records, keyed by tenant and MAC (the same MAC may be added in two tenants). */
public interface ProvisioningRepository {
    Optional<ProvisioningEntry> find(String tenantId, Mac mac);

    /** In the order they were added. */
    List<ProvisioningEntry> ofTenant(String tenantId);

    List<ProvisioningEntry> ofMac(Mac mac);

    /** Inserts or replaces. */
    void save(ProvisioningEntry entry);

    boolean delete(String tenantId, Mac mac);
}
