package dialtone.model.provisioning;

import dialtone.model.Mac;
import java.time.Instant;

/**
 * A device in TAC's "Provision new devices" view.
 *
 * @param userStatus {@code null} while waiting on activation
 * @param verificationCodeExpiresDateTime expiry of the current verification code, {@code null} if none
 *        was generated (the code itself is only in the answer to the generate call)
 */
public record ProvisioningRecord(
        Mac macAddress,
        String location,
        ProvisioningState state,
        UserStatus userStatus,
        Instant verificationCodeExpiresDateTime,
        Instant createdDateTime,
        Instant lastModifiedDateTime) {
}
