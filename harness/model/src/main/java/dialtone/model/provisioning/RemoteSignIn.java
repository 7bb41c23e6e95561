package dialtone.model.provisioning;

import dialtone.model.DeviceLoginCode;
import java.time.Instant;

/** TAC's "Sign in a user" window: the code the phone handed back and where to enter it. */
public record RemoteSignIn(DeviceLoginCode userCode, String verificationUri, Instant expiresDateTime) {
}
