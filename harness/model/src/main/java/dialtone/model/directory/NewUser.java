package dialtone.model.directory;

import dialtone.model.SignInMode;
import java.time.Instant;

/**
 * Body of {@code POST /admin/v1/users}. {@code password} is write-only; {@link #toString()} hides it.
 * {@code signInMode} defaults to {@code commonArea}, {@code mfa} to false.
 */
public record NewUser(String upn, String displayName, SignInMode signInMode, String password,
                      Instant passwordExpiresDateTime, Boolean mfa) {
    @Override
    public String toString() {
        return "NewUser[upn=" + upn + ", displayName=" + displayName + ", signInMode=" + signInMode
                + ", password=***, passwordExpiresDateTime=" + passwordExpiresDateTime + ", mfa=" + mfa + "]";
    }
}
