package dialtone.backend.identity;

import dialtone.backend.Directory;
import dialtone.backend.UserAccount;
import dialtone.model.SignInMode;
import dialtone.model.device.SignedInUser;
import java.time.Instant;
import java.util.Optional;

/**
 * Which accounts remote sign-in accepts, and what a phone learns about its account: the
 * field guide's rules in one place.
 */
public final class SignInPolicy {
    /** Why the portal ends a sign-in after the right password. */
    enum Refusal {
        /** Checked first: Entra asks for a new password before anything else. */
        PASSWORD_EXPIRED,
        /** Shared devices cannot answer a second factor. */
        MFA_NOT_SUPPORTED,
        /** Remote sign-in is for shared (common area, conference room) accounts. */
        SHARED_DEVICES_ONLY
    }

    private SignInPolicy() {
    }

    static Optional<Refusal> refusalOf(UserAccount account, Instant now) {
        if (account.isPasswordExpired(now)) {
            return Optional.of(Refusal.PASSWORD_EXPIRED);
        }
        if (account.mfaEnabled()) {
            return Optional.of(Refusal.MFA_NOT_SUPPORTED);
        }
        if (account.signInMode() == SignInMode.PERSONAL) {
            return Optional.of(Refusal.SHARED_DEVICES_ONLY);
        }
        return Optional.empty();
    }

    /** What the phone is told about the account it signs in with (the {@code signedIn} and {@code account} replies). */
    public static SignedInUser describe(Directory.Member member, Instant now) {
        UserAccount account = member.account();
        return new SignedInUser(account.upn(), account.displayName(), account.signInMode(),
                account.passwordExpiresDateTime(), account.isPasswordExpired(now), member.tenant().enrollmentPolicy());
    }
}
