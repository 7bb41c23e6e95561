package dialtone.backend.store;

import dialtone.backend.ApiException;
import dialtone.backend.identity.OAuthException;
import java.util.function.Supplier;

/**
 * All persistent state of the backend, and the unit of atomicity: every read-modify-write goes
 * through {@link #inTransaction}. {@link InMemoryStore} for tests and the per-run embedded backend;
 * {@code H2Store} (a file in the data directory) for a backend that must survive restarts.
 *
 * <p>Transactions run one at a time. A deliberate answer thrown by the work ({@link #isAnswer}:
 * an {@link ApiException} or {@link OAuthException}) does not undo what the work saved before it
 * (a recorded token poll, a counted wrong guess); any other exception undoes the whole transaction
 * where the store can (H2). Returning a refusal from the work instead of throwing it keeps its
 * writes in every store too (a wrong-code count, an audit event).
 */
public interface BackendStore {
    TenantRepository tenants();

    ProvisioningRepository provisioning();

    PhoneRepository phones();

    GrantRepository grants();

    DeviceCredentialRepository credentials();

    AuditRepository audit();

    /** Runs {@code work} atomically; a nested call joins the transaction already open on this thread. */
    <T> T inTransaction(Supplier<T> work);

    default void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    /** An exception that answers the client (its writes stay), as opposed to a failure (its writes are undone). */
    static boolean isAnswer(Throwable e) {
        return e instanceof ApiException || e instanceof OAuthException;
    }
}
