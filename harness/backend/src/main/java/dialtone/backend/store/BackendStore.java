package dialtone.backend.store;

import java.util.function.Supplier;

/**
 * All persistent state of the backend, and the unit of atomicity: every read-modify-write goes
 * through {@link #inTransaction}. In memory now; an H2 implementation replaces the repositories
 * and makes this a database transaction. Callers return refusals from the work rather than throw
 * them when the work wrote something that must stay (a wrong-code count, an audit event), so a
 * store that rolls back on an exception keeps it.
 */
public interface BackendStore {
    ProvisioningRepository provisioning();

    PhoneRepository phones();

    GrantRepository grants();

    DeviceCredentialRepository credentials();

    AuditRepository audit();

    <T> T inTransaction(Supplier<T> work);

    default void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
