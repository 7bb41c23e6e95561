package dialtone.model.directory;

import dialtone.model.SignInMode;
import java.time.Instant;

/**
 * Body of {@code POST /admin/v1/users}. {@code password} is write-only; {@link #toString()} hides it.
 * {@code signInMode} defaults to {@code commonArea}, {@code mfa} to false.
 * {@code accessTokenLifetimeSeconds} (1-86400; absent: the backend's) is how long this account's
 * access tokens live, like an Entra token lifetime policy: a phone refreshes before its token expires.
 */
public record NewUser(String upn, String displayName, SignInMode signInMode, String password,
                      Instant passwordExpiresDateTime, Boolean mfa, Integer accessTokenLifetimeSeconds) {
    public NewUser(String upn, String displayName, SignInMode signInMode, String password, Instant passwordExpiresDateTime, Boolean mfa) {
        this(upn, displayName, signInMode, password, passwordExpiresDateTime, mfa, null);
    }

    @Override
    public String toString() {
        return "NewUser[upn=" + upn + ", displayName=" + displayName + ", signInMode=" + signInMode
                + ", password=***, passwordExpiresDateTime=" + passwordExpiresDateTime + ", mfa=" + mfa
                + ", accessTokenLifetimeSeconds=" + accessTokenLifetimeSeconds + "]";
    }
}
