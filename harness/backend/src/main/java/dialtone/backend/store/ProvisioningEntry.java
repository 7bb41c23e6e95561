package dialtone.backend.store;

import dialtone.model.Mac;
import dialtone.model.VerificationCode;
import dialtone.model.provisioning.ProvisioningRecord;
import dialtone.model.provisioning.ProvisioningState;
import dialtone.model.provisioning.UserStatus;
import java.time.Instant;

/**
 * A stored provisioning record of one tenant. {@code usedCode} remembers the code that
 * provisioned the phone and {@code replacedCode} the code a newer one replaced, so re-entering
 * either is reported as such rather than as wrong. {@code failedAttempts} counts wrong codes
 * entered on the phone since the current code was generated; at
 * {@link #MAX_FAILED_ATTEMPTS} the code is locked until the admin generates a new one.
 */
public record ProvisioningEntry(
        String tenantId,
        Mac mac,
        String location,
        ProvisioningState state,
        VerificationCode code,
        Instant codeExpiresAt,
        VerificationCode usedCode,
        VerificationCode replacedCode,
        int failedAttempts,
        Instant createdAt,
        Instant modifiedAt) {

    public static final int MAX_FAILED_ATTEMPTS = 5;

    public static ProvisioningEntry added(String tenantId, Mac mac, String location, Instant now) {
        return new ProvisioningEntry(tenantId, mac, location, ProvisioningState.WAITING_ON_ACTIVATION,
                null, null, null, null, 0, now, now);
    }

    /** A new code replaces the current one and unlocks the record. */
    public ProvisioningEntry withCode(VerificationCode newCode, Instant expiresAt, Instant now) {
        return new ProvisioningEntry(tenantId, mac, location, state, newCode, expiresAt, usedCode,
                code != null ? code : replacedCode, 0, createdAt, now);
    }

    public ProvisioningEntry failedAttempt(Instant now) {
        return new ProvisioningEntry(tenantId, mac, location, state, code, codeExpiresAt, usedCode, replacedCode,
                failedAttempts + 1, createdAt, now);
    }

    public boolean isLocked() {
        return failedAttempts >= MAX_FAILED_ATTEMPTS;
    }

    public ProvisioningEntry provisioned(Instant now) {
        return new ProvisioningEntry(tenantId, mac, location, ProvisioningState.WAITING_FOR_SIGN_IN,
                null, null, code, replacedCode, 0, createdAt, now);
    }

    public ProvisioningEntry signedIn(Instant now) {
        return inState(ProvisioningState.SIGNED_IN, now);
    }

    public ProvisioningEntry signedOutOnDevice(Instant now) {
        return inState(ProvisioningState.SIGNED_OUT_ON_DEVICE, now);
    }

    private ProvisioningEntry inState(ProvisioningState newState, Instant now) {
        return new ProvisioningEntry(tenantId, mac, location, newState, null, null, usedCode, replacedCode, 0,
                createdAt, now);
    }

    public ProvisioningRecord toRecord() {
        UserStatus userStatus = switch (state) {
            case WAITING_ON_ACTIVATION -> null;
            case WAITING_FOR_SIGN_IN, SIGNED_OUT_ON_DEVICE -> UserStatus.SIGNED_OUT;
            case SIGNED_IN -> UserStatus.SIGNED_IN;
        };
        return new ProvisioningRecord(mac, location, state, userStatus, codeExpiresAt, createdAt, modifiedAt);
    }

    @Override
    public String toString() {
        return "ProvisioningEntry[" + tenantId + " " + mac + " " + state + "]";
    }
}
