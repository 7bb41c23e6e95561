package dialtone.backend.store;

import dialtone.model.Mac;
import dialtone.model.device.DeviceHello;
import java.time.Instant;

/**
 * What the backend knows about a physical phone, whatever the tenant: its hardware (from hello),
 * the tenant it is bound to ({@code tenantId}, null when factory reset), the tenant whose
 * inventory lists it ({@code inventoryTenantId}, kept after a reset, as TAC keeps offline
 * devices), who is signed in, and when it last talked to the backend.
 */
public record PhoneEntry(
        Mac mac,
        String inventoryId,
        DeviceHello hardware,
        String tenantId,
        String inventoryTenantId,
        SignedInAccount currentUser,
        Instant lastSeen,
        Instant createdAt,
        Instant modifiedAt) {

    /** Who is signed in on the phone. */
    public record SignedInAccount(String userId, String upn, String displayName) {
    }

    public static PhoneEntry firstSeen(Mac mac, String inventoryId, Instant now) {
        return new PhoneEntry(mac, inventoryId, new DeviceHello(null, null, null, null, null), null, null, null,
                now, now, now);
    }

    public PhoneEntry seen(Instant now) {
        return new PhoneEntry(mac, inventoryId, hardware, tenantId, inventoryTenantId, currentUser, now, createdAt, modifiedAt);
    }

    public PhoneEntry withHardware(DeviceHello hello, Instant now) {
        return new PhoneEntry(mac, inventoryId, hello, tenantId, inventoryTenantId, currentUser, now, createdAt, now);
    }

    public PhoneEntry boundTo(String tenant, Instant now) {
        return new PhoneEntry(mac, inventoryId, hardware, tenant, tenant, currentUser, now, createdAt, now);
    }

    public PhoneEntry signedIn(SignedInAccount account, Instant now) {
        return new PhoneEntry(mac, inventoryId, hardware, tenantId, inventoryTenantId, account, now, createdAt, now);
    }

    public PhoneEntry factoryReset(Instant now) {
        return new PhoneEntry(mac, inventoryId, hardware, null, inventoryTenantId, null, now, createdAt, now);
    }

    public boolean isBound() {
        return tenantId != null;
    }
}
