package dialtone.backend.store;

import java.util.Optional;

/** Identity state: device authorizations (by device code and by user code) and issued tokens. */
public interface GrantRepository {
    void save(DeviceAuthorization authorization);

    Optional<DeviceAuthorization> byDeviceCode(String deviceCode);

    /** The authorization whose user code normalises to {@code normalizedUserCode}, newest first. */
    Optional<DeviceAuthorization> byUserCode(String normalizedUserCode);

    void save(AccessGrant grant);

    Optional<AccessGrant> grant(String token);
}
