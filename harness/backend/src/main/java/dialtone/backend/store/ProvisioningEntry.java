package dialtone.backend.store;

import dialtone.model.Mac;
import dialtone.model.VerificationCode;
import dialtone.model.provisioning.ProvisioningRecord;
import dialtone.model.provisioning.ProvisioningState;
import dialtone.model.provisioning.UserStatus;
import java.time.Instant;

/**
 * A stored provisioning record of one tenant. {@code usedCode} remembers the code that
 * provisioned the phone, so re-entering it is reported as used rather than as wrong.
 */
public record ProvisioningEntry(
        String tenantId,
        Mac mac,
        String location,
        ProvisioningState state,
        VerificationCode code,
        Instant codeExpiresAt,
        VerificationCode usedCode,
        Instant createdAt,
        Instant modifiedAt) {

    public static ProvisioningEntry added(String tenantId, Mac mac, String location, Instant now) {
        return new ProvisioningEntry(tenantId, mac, location, ProvisioningState.WAITING_ON_ACTIVATION,
                null, null, null, now, now);
    }

    public ProvisioningEntry withCode(VerificationCode newCode, Instant expiresAt, Instant now) {
        return new ProvisioningEntry(tenantId, mac, location, state, newCode, expiresAt, usedCode, createdAt, now);
    }

    public ProvisioningEntry provisioned(Instant now) {
        return new ProvisioningEntry(tenantId, mac, location, ProvisioningState.WAITING_FOR_SIGN_IN,
                null, null, code, createdAt, now);
    }

    public ProvisioningEntry signedIn(Instant now) {
        return new ProvisioningEntry(tenantId, mac, location, ProvisioningState.SIGNED_IN,
                null, null, usedCode, createdAt, now);
    }

    public ProvisioningRecord toRecord() {
        UserStatus userStatus = switch (state) {
            case WAITING_ON_ACTIVATION -> null;
            case WAITING_FOR_SIGN_IN -> UserStatus.SIGNED_OUT;
            case SIGNED_IN -> UserStatus.SIGNED_IN;
        };
        return new ProvisioningRecord(mac, location, state, userStatus, codeExpiresAt, createdAt, modifiedAt);
    }

    @Override
    public String toString() {
        return "ProvisioningEntry[" + tenantId + " " + mac + " " + state + "]";
    }
}
