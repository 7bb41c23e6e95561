package dialtone.backend.store.h2;

import dialtone.backend.store.AccessGrant;
import dialtone.backend.store.DeviceAuthorization;
import dialtone.backend.store.GrantRepository;
import java.util.Comparator;
import java.util.Optional;

/** Tables {@code device_authorizations} (key device code, looked up by normalised user code) and {@code access_grants}. */
final class H2GrantRepository implements GrantRepository {
    private final Documents documents;

    H2GrantRepository(Documents documents) {
        this.documents = documents;
    }

    @Override
    public void save(DeviceAuthorization authorization) {
        documents.update("MERGE INTO device_authorizations (device_code, user_code, doc) KEY (device_code) VALUES (?, ?, ?)",
                authorization.deviceCode(), authorization.userCode().normalized(), documents.write(authorization));
    }

    @Override
    public Optional<DeviceAuthorization> byDeviceCode(String deviceCode) {
        return documents.one(DeviceAuthorization.class, "SELECT doc FROM device_authorizations WHERE device_code = ?",
                deviceCode);
    }

    @Override
    public Optional<DeviceAuthorization> byUserCode(String normalizedUserCode) {
        return documents.list(DeviceAuthorization.class, "SELECT doc FROM device_authorizations WHERE user_code = ?",
                normalizedUserCode).stream().max(Comparator.comparing(DeviceAuthorization::issuedAt));
    }

    @Override
    public void save(AccessGrant grant) {
        documents.update("MERGE INTO access_grants (token, doc) KEY (token) VALUES (?, ?)",
                grant.token(), documents.write(grant));
    }

    @Override
    public Optional<AccessGrant> grant(String token) {
        return documents.one(AccessGrant.class, "SELECT doc FROM access_grants WHERE token = ?", token);
    }
}
