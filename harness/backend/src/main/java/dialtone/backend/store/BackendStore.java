package dialtone.backend.store;

import java.util.function.Supplier;

/**
 * All persistent state of the backend, and the unit of atomicity: every read-modify-write goes
 * through {@link #inTransaction}. In memory now; an H2 implementation replaces the repositories
 * and makes this a database transaction.
 */
public interface BackendStore {
    ProvisioningRepository provisioning();

    PhoneRepository phones();

    GrantRepository grants();

    <T> T inTransaction(Supplier<T> work);

    default void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
