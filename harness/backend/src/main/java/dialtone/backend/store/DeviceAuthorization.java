package dialtone.backend.store;

import dialtone.model.DeviceLoginCode;
import java.time.Duration;
import java.time.Instant;

/**
 * One RFC 8628 device authorization: the phone polls with {@code deviceCode}, a person enters
 * {@code userCode} at the portal. {@code tenantId} is null for {@code organizations}/{@code common}
 * requests (the portal sign-in decides the tenant). {@code toString()} hides the device code.
 */
public record DeviceAuthorization(
        String deviceCode,
        DeviceLoginCode userCode,
        String clientId,
        String scope,
        String tenantId,
        Instant issuedAt,
        Instant expiresAt,
        Duration interval,
        Instant lastPolledAt,
        Status status,
        String approvedTenantId,
        String approvedUpn) {

    public enum Status { PENDING, APPROVED, DECLINED, REDEEMED }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public DeviceAuthorization polled(Instant now, Duration newInterval) {
        return new DeviceAuthorization(deviceCode, userCode, clientId, scope, tenantId, issuedAt, expiresAt,
                newInterval, now, status, approvedTenantId, approvedUpn);
    }

    public DeviceAuthorization approvedBy(String tenant, String upn) {
        return new DeviceAuthorization(deviceCode, userCode, clientId, scope, tenantId, issuedAt, expiresAt,
                interval, lastPolledAt, Status.APPROVED, tenant, upn);
    }

    public DeviceAuthorization withStatus(Status newStatus) {
        return new DeviceAuthorization(deviceCode, userCode, clientId, scope, tenantId, issuedAt, expiresAt,
                interval, lastPolledAt, newStatus, approvedTenantId, approvedUpn);
    }

    @Override
    public String toString() {
        return "DeviceAuthorization[userCode=" + userCode + ", tenant=" + tenantId + ", status=" + status + "]";
    }
}
