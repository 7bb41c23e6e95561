package dialtone.backend;

import dialtone.model.SignInMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An account of a tenant's directory: its sign-in mode (the policy its home screen follows;
 * remote sign-in takes shared accounts only), password and when that expires on the backend
 * clock (null: never), whether MFA is enforced (not supported on shared devices), and how long
 * its access tokens live (null: the backend's {@code accessTokenLifetime}).
 * {@link #toString()} never shows the password.
 */
public record UserAccount(String upn, String displayName, String password, SignInMode signInMode,
                          Instant passwordExpiresDateTime, boolean mfaEnabled, Duration accessTokenLifetime) {
    public UserAccount {
        Objects.requireNonNull(upn, "upn");
        Objects.requireNonNull(password, "password");
        displayName = displayName == null ? upn : displayName;
        signInMode = signInMode == null ? SignInMode.COMMON_AREA : signInMode;
    }

    public UserAccount(String upn, String displayName, String password, SignInMode signInMode,
                       Instant passwordExpiresDateTime, boolean mfaEnabled) {
        this(upn, displayName, password, signInMode, passwordExpiresDateTime, mfaEnabled, null);
    }

    public UserAccount(String upn, String displayName, String password, SignInMode signInMode) {
        this(upn, displayName, password, signInMode, null, false);
    }

    public static UserAccount commonArea(String upn, String displayName, String password) {
        return new UserAccount(upn, displayName, password, SignInMode.COMMON_AREA);
    }

    public boolean isPasswordExpired(Instant now) {
        return passwordExpiresDateTime != null && !now.isBefore(passwordExpiresDateTime);
    }

    public UserAccount withPassword(String newPassword, Instant newExpiry) {
        return new UserAccount(upn, displayName, newPassword, signInMode, newExpiry, mfaEnabled, accessTokenLifetime);
    }

    public UserAccount withPasswordExpiry(Instant expiry) {
        return new UserAccount(upn, displayName, password, signInMode, expiry, mfaEnabled, accessTokenLifetime);
    }

    public UserAccount withMfa(boolean enabled) {
        return new UserAccount(upn, displayName, password, signInMode, passwordExpiresDateTime, enabled, accessTokenLifetime);
    }

    @Override
    public String toString() {
        return "UserAccount[upn=" + upn + ", displayName=" + displayName + ", signInMode=" + signInMode
                + ", passwordExpiresDateTime=" + passwordExpiresDateTime + ", mfaEnabled=" + mfaEnabled
                + ", accessTokenLifetime=" + accessTokenLifetime + ", password=***]";
    }
}
