package dialtone.backend.store;

import dialtone.model.Mac;
import java.util.Optional;

/**
 * The credential issued to each provisioned phone, as a hash only (hex SHA-256 of the secret):
 * the secret itself is sent once, in the provision reply, and never stored.
 */
public interface DeviceCredentialRepository {
    Optional<String> hashOf(Mac mac);

    /** Inserts or replaces. */
    void save(Mac mac, String secretHash);

    void delete(Mac mac);
}
