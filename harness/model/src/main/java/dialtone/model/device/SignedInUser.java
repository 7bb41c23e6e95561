package dialtone.model.device;

import dialtone.model.SignInMode;
import java.time.Instant;

/**
 * The account a phone signs in with, as the backend tells it (answer to {@code signedIn} and to
 * {@code GET .../account}): whose home screen to show, when the password expires (null: never),
 * whether it already has (the phone then asks for a new one on the device), and the tenant's
 * enrolment policy.
 */
public record SignedInUser(String upn, String displayName, SignInMode signInMode, Instant passwordExpiresDateTime,
                           boolean passwordExpired, EnrollmentPolicy enrollment) {

    public SignedInUser(String upn, String displayName, SignInMode signInMode) {
        this(upn, displayName, signInMode, null, false, new EnrollmentPolicy(false, true));
    }
}
