package dialtone.backend.store;

import dialtone.model.Mac;
import dialtone.model.audit.AuditEvent;
import java.time.Instant;
import java.util.List;

/** The audit log, per tenant, append-only. An event about a phone may be appended to several tenants. */
public interface AuditRepository {
    void append(String tenantId, AuditEvent event);

    /**
     * The tenant's events in the order they were appended; only those about {@code mac} when it is
     * not null, only those at or after {@code since} when it is not null.
     */
    List<AuditEvent> of(String tenantId, Mac mac, Instant since);
}
