package dialtone.backend.store;

import dialtone.backend.TenantConfig;
import java.util.List;
import java.util.Optional;

/**
 * The tenants the backend emulates, each with its directory of accounts. Seeded from
 * {@code BackendConfig} on first start; later changes (admin API) are saved here and survive restarts.
 */
public interface TenantRepository {
    /** In the order they were first saved. */
    List<TenantConfig> all();

    /** By tenant id, ignoring case. */
    Optional<TenantConfig> find(String tenantId);

    /** Inserts or replaces the tenant with its accounts (accounts no longer listed are removed). */
    void save(TenantConfig tenant);
}
