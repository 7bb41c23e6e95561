package dialtone.model.audit;

import dialtone.model.Mac;
import java.time.Instant;

/**
 * One state change in the backend's audit log ({@code GET /admin/v1/audit}). Never holds a secret.
 *
 * @param at when, on the backend clock
 * @param actor who: {@code admin} (the tenant's admin token), {@code phone} (the device named by
 *        {@code macAddress}) or {@code user:<upn>}
 * @param action what, e.g. {@code deviceAdded}, {@code provisioningRefused} (see docs/backend.md)
 * @param macAddress the device concerned, {@code null} for tenant-wide changes
 * @param detail a human detail (a reason, a location, a UPN), or {@code null}
 */
public record AuditEvent(Instant at, String actor, String action, Mac macAddress, String detail) {
}
