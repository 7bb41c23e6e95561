package dialtone.model.provisioning;

import dialtone.model.Mac;
import dialtone.model.VerificationCode;
import java.time.Instant;

/** A verification code generated for one device, valid until {@code expiresDateTime} (24 h). */
public record IssuedVerificationCode(Mac macAddress, VerificationCode code, Instant expiresDateTime) {
}
