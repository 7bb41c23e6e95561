package dialtone.backend.store.h2;

import dialtone.backend.store.AuditRepository;
import dialtone.model.Mac;
import dialtone.model.audit.AuditEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Table {@code audit_events}: append-only, {@code seq} is the append order; queried by tenant,
 * MAC (null for tenant-wide events) and time ({@code happened_at}, UTC).
 */
final class H2AuditRepository implements AuditRepository {
    private final Documents documents;

    H2AuditRepository(Documents documents) {
        this.documents = documents;
    }

    @Override
    public void append(String tenantId, AuditEvent event) {
        documents.update("INSERT INTO audit_events (tenant_id, mac, happened_at, doc) VALUES (?, ?, ?, ?)",
                tenantId, event.macAddress() == null ? null : event.macAddress().compact(),
                event.at().atOffset(ZoneOffset.UTC), documents.write(event));
    }

    @Override
    public List<AuditEvent> of(String tenantId, Mac mac, Instant since) {
        StringBuilder sql = new StringBuilder("SELECT doc FROM audit_events WHERE tenant_id = ?");
        List<Object> params = new ArrayList<>(List.of(tenantId));
        if (mac != null) {
            sql.append(" AND mac = ?");
            params.add(mac.compact());
        }
        if (since != null) {
            sql.append(" AND happened_at >= ?");
            params.add(since.atOffset(ZoneOffset.UTC));
        }
        sql.append(" ORDER BY seq");
        return documents.list(AuditEvent.class, sql.toString(), params.toArray());
    }
}
