package dialtone.backend.audit;

import dialtone.backend.store.BackendStore;
import dialtone.model.BackendClock;
import dialtone.model.Mac;
import dialtone.model.audit.AuditEvent;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Records every state change: who, what, when (backend clock) and which device. Call it inside the
 * store transaction of the change it describes, so the change and its event land together.
 * Details never carry a secret (no verification code, token or password).
 */
public final class AuditLog {
    /** The tenant's administrator (the admin token names the tenant). */
    public static final String ADMIN = "admin";
    /** The phone named by the event's MAC address. */
    public static final String PHONE = "phone";

    private final BackendStore store;
    private final BackendClock clock;

    public AuditLog(BackendStore store, BackendClock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A person who signed in somewhere (the Device Login portal). */
    public static String user(String upn) {
        return "user:" + upn;
    }

    public void record(String tenantId, String actor, String action, Mac mac, String detail) {
        store.audit().append(tenantId, new AuditEvent(clock.instant(), actor, action, mac, detail));
    }

    /** The same event in every tenant concerned (a phone known to two tenants); nulls are skipped. */
    public void record(Collection<String> tenantIds, String actor, String action, Mac mac, String detail) {
        for (String tenantId : new LinkedHashSet<>(tenantIds)) {
            if (tenantId != null) {
                record(tenantId, actor, action, mac, detail);
            }
        }
    }

    public List<AuditEvent> of(String tenantId, Mac mac, Instant since) {
        return store.audit().of(tenantId, mac, since);
    }
}
