package dialtone.backend.store.h2;

import dialtone.backend.store.DeviceCredentialRepository;
import dialtone.model.Mac;
import java.util.List;
import java.util.Optional;

/** Table {@code device_credentials}: key MAC, the hex SHA-256 of the phone's secret (never the secret). */
final class H2DeviceCredentialRepository implements DeviceCredentialRepository {
    private final Documents documents;

    H2DeviceCredentialRepository(Documents documents) {
        this.documents = documents;
    }

    @Override
    public Optional<String> hashOf(Mac mac) {
        List<List<String>> rows = documents.rows("SELECT secret_hash FROM device_credentials WHERE mac = ?", mac.compact());
        return rows.stream().findFirst().map(row -> row.get(0));
    }

    @Override
    public void save(Mac mac, String secretHash) {
        documents.update("MERGE INTO device_credentials (mac, secret_hash) KEY (mac) VALUES (?, ?)", mac.compact(), secretHash);
    }

    @Override
    public void delete(Mac mac) {
        documents.update("DELETE FROM device_credentials WHERE mac = ?", mac.compact());
    }
}
